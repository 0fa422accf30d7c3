import { afterEach, describe, expect, it } from 'vitest';
import { jsonBody, startCaptureRig, type CaptureRig } from '../helpers/capture-rig.ts';

let rig: CaptureRig;
afterEach(() => rig?.close());

describe('records, snapshot, diff and describe steps', () => {
  it('an update lists the fields that changed, against the record fetched just before', async () => {
    rig = await startCaptureRig();
    const answer = await rig.send('/api/students/1', { method: 'PUT', ...jsonBody({ firstName: 'Jane', level: 'Intermediate', status: 'paused' }) });
    expect(answer.status).toBe(200);
    const entry = await rig.lastEntry();
    expect(entry).toMatchObject({ verb: 'update', outcome: 'success', status: 200, action: 'Updated student Jane Smith: level, status', method: 'PUT', path: '/api/students/1' });
    expect(entry.records).toEqual([
      {
        type: 'student',
        id: '1',
        name: 'Jane Smith',
        op: 'update',
        link: '/students/1',
        changes: [
          { field: 'level', before: 'Beginner', after: 'Intermediate' },
          { field: 'status', before: 'active', after: 'paused' },
        ],
      },
    ]);
    // The snapshot GET went to the portal before the change, with the client's own request after it.
    expect(rig.portal.received.map((r) => r.method)).toEqual(['GET', 'PUT']);
  });

  it('a delete lists every field going to null', async () => {
    rig = await startCaptureRig();
    await rig.send('/api/students/2', { method: 'DELETE' });
    const entry = await rig.lastEntry();
    expect(entry.action).toBe('Deleted student John Smith');
    expect(entry.records[0]!.changes).toContainEqual({ field: 'lastName', before: 'Smith', after: null });
    expect(entry.records[0]!.changes).toHaveLength(5);
  });

  it('a create takes the new id from the response', async () => {
    rig = await startCaptureRig();
    const answer = await rig.send('/api/students', { method: 'POST', ...jsonBody({ firstName: 'Ada', lastName: 'Lovelace' }) });
    const { id } = answer.json();
    const entry = await rig.lastEntry();
    expect(entry).toMatchObject({ verb: 'create', action: 'Created student Ada Lovelace', status: 201 });
    expect(entry.records[0]).toMatchObject({
      id,
      link: `/students/${id}`,
      changes: [
        { field: 'firstName', before: null, after: 'Ada' },
        { field: 'lastName', before: null, after: 'Lovelace' },
      ],
    });
  });

  it('a rejected create is logged as a failure', async () => {
    rig = await startCaptureRig();
    const answer = await rig.send('/api/students', { method: 'POST', ...jsonBody({ lastName: 'Nobody' }) });
    expect(answer.status).toBe(400);
    expect(await rig.lastEntry()).toMatchObject({ outcome: 'failure', status: 400, action: 'Failed to create student' });
  });

  it('names a payment through its family and says the amount', async () => {
    rig = await startCaptureRig();
    await rig.send('/api/payments', { method: 'POST', ...jsonBody({ familyId: '7', amount: 120 }) });
    const entry = await rig.lastEntry();
    expect(entry).toMatchObject({ verb: 'payment', action: 'Recorded payment of $120.00 for Mary Smith' });
    expect(entry.records[0]).toMatchObject({ type: 'payment', name: 'Mary Smith', op: 'payment' });
  });

  it('understands form-encoded and multipart bodies (file parts by name and size only)', async () => {
    rig = await startCaptureRig();
    await rig.send('/api/students', { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: 'firstName=Grace&lastName=Hopper' });
    expect((await rig.lastEntry()).action).toBe('Created student Grace Hopper');

    const form = new FormData();
    form.append('firstName', 'Katherine');
    form.append('lastName', 'Johnson');
    form.append('photo', new Blob([Buffer.alloc(3000, 7)]), 'kj.png');
    const request = new Request('http://x/', { method: 'POST', body: form });
    const body = Buffer.from(await request.arrayBuffer());
    await rig.send('/api/students', { method: 'POST', headers: { 'content-type': request.headers.get('content-type')! }, body });
    const entry = await rig.lastEntry();
    expect(entry.action).toBe('Created student Katherine Johnson');
    expect(entry.records[0]!.changes).toContainEqual({ field: 'photo', before: null, after: { filename: 'kj.png', size: 3000 } });
    expect(rig.portal.received.at(-1)!.body.equals(body)).toBe(true);
  });

  it('does not log reads, unless recordReads names them', async () => {
    rig = await startCaptureRig({ recordReads: [{ path: '/api/students/:id', type: 'student', name: '{response.firstName} {response.lastName}' }] });
    expect((await rig.send('/api/families/7')).status).toBe(200);
    expect(await rig.entries()).toHaveLength(0);
    await rig.send('/api/students/1');
    expect(await rig.lastEntry()).toMatchObject({ verb: 'read', action: 'Viewed student Jane Smith', method: 'GET' });
  });
});
