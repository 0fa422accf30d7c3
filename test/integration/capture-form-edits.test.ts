import { afterEach, describe, expect, it } from 'vitest';
import { FAKE_PORTAL_RULES, jsonBody, startCaptureRig, type CaptureRig } from '../helpers/capture-rig.ts';

let rig: CaptureRig;
afterEach(() => rig?.close());

describe('edits sent the way HTML forms send them, and lookups built from client input', () => {
  it('a form POST to a record with snapshot: true says what the record was before', async () => {
    rig = await startCaptureRig({
      records: [
        { method: 'POST', path: '/api/students/:id', type: 'student', verb: 'update', name: '{before.firstName} {before.lastName}', link: '/students/{params.id}', snapshot: true },
        ...FAKE_PORTAL_RULES!,
      ],
    });
    const answer = await rig.send('/api/students/1', {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: 'level=Advanced&status=active',
    });
    expect(answer.status).toBe(200);
    const entry = await rig.lastEntry();
    expect(entry.action).toBe('Updated student Jane Smith: level');
    expect(entry.records[0]!.changes).toEqual([{ field: 'level', before: 'Beginner', after: 'Advanced' }]);
    expect(rig.portal.received.map((r) => r.method)).toEqual(['GET', 'POST']);
  });

  it('a value from the body cannot steer a nameFrom lookup to another path', async () => {
    rig = await startCaptureRig();
    await rig.send('/api/payments', { method: 'POST', ...jsonBody({ familyId: '../students/1', amount: 5 }) });
    const lookup = rig.portal.received.find((r) => r.method === 'GET');
    expect(lookup?.url).toBe('/api/families/..%2Fstudents%2F1');
    expect((await rig.lastEntry()).records[0]!.name).toBeNull();
  });
});
