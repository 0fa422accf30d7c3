import { afterEach, expect, it } from 'vitest';
import { REDACTED } from '../../shared/entry.ts';
import { jsonBody, startCaptureRig, type CaptureRig } from '../helpers/capture-rig.ts';
import { filesUnder } from '../helpers/hostile-rig.ts';

let rig: CaptureRig;
afterEach(() => rig?.close());

it('no password, PIN, card number or custom secret reaches any file in the data dir, yet the changes are logged', async () => {
  rig = await startCaptureRig({ redact: ['medicalNotes'] });
  const secrets = ['Sup3r-Secret-Pw', 'Wr0ng-Guess-Pw', '4827', '4111 1111 1111 1111', '4111111111111111', '5500-0000-0000-0004', 'asthma-inhaler-daily', '123-45-6789'];
  await rig.send('/login', { method: 'POST', ...jsonBody({ username: 'pat.admin', password: 'Wr0ng-Guess-Pw' }) });
  await rig.send('/login', { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: 'username=pat.admin&password=Sup3r-Secret-Pw' });
  await rig.send('/api/students/1', { method: 'PATCH', ...jsonBody({ kioskPin: '4827', medicalNotes: 'asthma-inhaler-daily', guardian: { ssn: '123-45-6789' } }) });
  await rig.send('/api/payments', { method: 'POST', ...jsonBody({ familyId: '7', amount: 45, card: { cardNumber: '4111 1111 1111 1111', cvv: '123' }, memo: 'paid with 5500-0000-0000-0004' }) });
  await rig.send('/api/students', { method: 'POST', ...jsonBody({ firstName: 'Card', lastName: 'Holder', note: 4111111111111111, new_password: 'Sup3r-Secret-Pw' }) });

  const entries = await rig.entries();
  expect(entries).toHaveLength(5);
  expect(entries[2]!.records[0]!.changes).toEqual([
    { field: 'kioskPin', before: null, after: REDACTED },
    { field: 'medicalNotes', before: null, after: REDACTED },
    { field: 'guardian', before: null, after: { ssn: REDACTED } },
  ]);
  expect(entries[3]!.records[0]!.changes).toContainEqual({ field: 'memo', before: null, after: `paid with ${REDACTED}` });

  const files = await filesUnder(rig.dataDir);
  expect(files.length).toBeGreaterThan(0);
  for (const { path, text } of files) for (const secret of secrets) expect(text.includes(secret), `${secret} in ${path}`).toBe(false);
});
