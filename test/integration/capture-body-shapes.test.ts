import { randomBytes } from 'node:crypto';
import { expect, it } from 'vitest';
import { LARGE_VALUE_BYTES } from '../../proxy/capture/body-limits.ts';
import { sha256 } from '../helpers/counting-upstream.ts';
import { hostileRigForTest } from '../helpers/hostile-rig.ts';

const json = { 'content-type': 'application/json' };

it('a JSON body that is a bare string is kept as that value, not replaced by the portal reply', async () => {
  const rig = await hostileRigForTest({ config: { records: [{ method: 'PUT', path: '/-/package/:pkg/dist-tags/:tag', type: 'dist-tag', id: '{params.pkg}@{params.tag}', snapshot: false }] } });
  expect((await rig.send('/-/package/left-pad/dist-tags/latest', { method: 'PUT', headers: json, body: '"1.0.0"' })).status).toBe(200);
  const [entry] = await rig.entries();
  expect(entry!.records[0]).toMatchObject({ id: 'left-pad@latest', changes: [{ field: 'body', before: null, after: '1.0.0' }] });
});

it('a body over captureBodyLimit still yields the fields in the part that was read', async () => {
  const rig = await hostileRigForTest({ config: { records: [{ method: 'PUT', path: '/:pkg', type: 'package', name: '{body.name}@{body.version}', snapshot: false }] } });
  const attachment = randomBytes(400 * 1024).toString('base64');
  const body = JSON.stringify({ name: 'big-pkg', version: '2.0.0', description: 'a large publish', _attachments: { 'big-pkg-2.0.0.tgz': { data: attachment } } });
  expect((await rig.send('/big-pkg', { method: 'PUT', headers: json, body })).status).toBe(200);
  const [entry] = await rig.entries();
  expect(entry!.truncated).toBe(true);
  expect(entry!.records[0]!.name).toBe('big-pkg@2.0.0');
  expect(entry!.records[0]!.changes.slice(0, 3)).toEqual([
    { field: 'name', before: null, after: 'big-pkg' },
    { field: 'version', before: null, after: '2.0.0' },
    { field: 'description', before: null, after: 'a large publish' },
  ]);
  expect(rig.upstream.counted()[0]!.sha256).toBe(sha256(body));
  for (const { text } of await rig.files()) expect(text).not.toContain(attachment.slice(0, 64));
});

it('a base64 value over the documented size is summarised in the changes as its size and sha256, never stored whole', async () => {
  const rig = await hostileRigForTest({ config: { records: [{ method: 'POST', path: '/api/files', type: 'file' }] } });
  const data = randomBytes(3 * LARGE_VALUE_BYTES).toString('base64');
  const small = 'x'.repeat(LARGE_VALUE_BYTES);
  await rig.send('/api/files', { method: 'POST', headers: json, body: JSON.stringify({ title: 'scan', data, small }) });
  const [entry] = await rig.entries();
  expect(entry!.records[0]!.changes).toEqual([
    { field: 'title', before: null, after: 'scan' },
    { field: 'data', before: null, after: `[${Buffer.byteLength(data)} bytes, sha256 ${sha256(data)}]` },
    { field: 'small', before: null, after: small },
  ]);
  for (const { text } of await rig.files()) expect(text).not.toContain(data.slice(0, 64));
});
