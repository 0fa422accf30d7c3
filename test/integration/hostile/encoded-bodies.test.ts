import { brotliCompressSync, deflateSync, gzipSync } from 'node:zlib';
import { afterEach, expect, it } from 'vitest';
import { sha256 } from '../../helpers/counting-upstream.ts';
import { startHostileRig, type HostileRig } from '../../helpers/hostile-rig.ts';

let rig: HostileRig | undefined;
afterEach(async () => {
  await rig?.close();
  rig = undefined;
});

const records = [{ method: 'POST' as const, path: '/api/things', type: 'thing' }];
const fields = { name: 'Encoded Widget', password: 'Zipped-Secret-Pw', color: 'blue' };

it.each([
  ['gzip', gzipSync],
  ['x-gzip', gzipSync],
  ['deflate', deflateSync],
  ['br', brotliCompressSync],
] as const)('a %s request body is decoded for the entry and forwarded byte for byte', async (encoding, encode) => {
  rig = await startHostileRig({ config: { records } });
  const body = encode(Buffer.from(JSON.stringify(fields)));
  const answer = await rig.send('/api/things', { method: 'POST', headers: { 'content-type': 'application/json', 'content-encoding': encoding }, body });
  expect(answer.status).toBe(201);
  const [entry] = await rig.entries();
  expect(entry!.records[0]!.changes).toEqual([
    { field: 'name', before: null, after: 'Encoded Widget' },
    { field: 'password', before: null, after: '[redacted]' },
    { field: 'color', before: null, after: 'blue' },
  ]);
  const [received] = rig.upstream.counted();
  expect(received!.sha256).toBe(sha256(body));
  expect(received!.headers['content-encoding']).toBe(encoding);
  for (const { text } of await rig.files()) expect(text).not.toContain(fields.password);
});

it('a gzip bomb (64 MiB of zeros in 64 KB) is read only up to the cap: the entry is truncated but keeps the fields before it', async () => {
  rig = await startHostileRig({ config: { records } });
  const body = gzipSync(Buffer.concat([Buffer.from('{"name":"Bomb","blob":"'), Buffer.alloc(64 * 1024 * 1024, 0x30), Buffer.from('"}')]));
  expect(body.length).toBeLessThan(rig.config.captureBodyLimit);
  expect((await rig.send('/api/things', { method: 'POST', headers: { 'content-type': 'application/json', 'content-encoding': 'gzip' }, body })).status).toBe(201);
  const [entry] = await rig.entries();
  expect(entry!.truncated).toBe(true);
  expect(entry!.records[0]!.changes).toEqual([{ field: 'name', before: null, after: 'Bomb' }]);
  expect(entry!.notes).toContainEqual(expect.stringMatching(/decoded .* larger than 262144 bytes/));
  expect(rig.upstream.counted()[0]!.sha256).toBe(sha256(body));
});

it('a body in an encoding capture does not know is forwarded untouched and logged without fields', async () => {
  rig = await startHostileRig({ config: { records } });
  const body = Buffer.from('not really zstd');
  expect((await rig.send('/api/things', { method: 'POST', headers: { 'content-type': 'application/json', 'content-encoding': 'zstd' }, body })).status).toBe(201);
  const [entry] = await rig.entries();
  expect(JSON.stringify(entry!.records[0]!.changes)).not.toContain('really');
  expect(entry!.notes).toContainEqual(expect.stringMatching(/zstd/));
  expect(rig.upstream.counted()[0]!.sha256).toBe(sha256(body));
});

it("a gzip answer from the portal is read for the entry and reaches the client as the portal's bytes", async () => {
  const answer = gzipSync(Buffer.from(JSON.stringify({ id: '1', name: 'Normalised Name' })));
  rig = await startHostileRig({
    config: { records: [{ path: '/api/things/:id', type: 'thing', snapshot: false }] },
    handler: (_req, res) => {
      res.writeHead(200, { 'content-type': 'application/json', 'content-encoding': 'gzip' });
      res.end(answer);
    },
  });
  const got = await rig.send('/api/things/1', { method: 'PATCH', headers: { 'content-type': 'application/json' }, body: '{"name":" normalised name "}' });
  expect(sha256(got.body)).toBe(sha256(answer));
  const [entry] = await rig.entries();
  expect(entry!.records[0]!.changes).toEqual([{ field: 'name', before: null, after: 'Normalised Name' }]);
});
