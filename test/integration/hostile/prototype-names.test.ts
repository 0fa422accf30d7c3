import { afterEach, expect, it } from 'vitest';
import { startHostileRig, type HostileRig } from '../../helpers/hostile-rig.ts';
import { sendJson } from '../../helpers/recording-upstream.ts';

let rig: HostileRig | undefined;
afterEach(async () => {
  await rig?.close();
  rig = undefined;
});

const records = [
  { method: 'POST' as const, path: '/api/things', type: 'thing' },
  { path: '/api/things/:id', type: 'thing', name: '{before.name}' },
];
// Raw JSON text: an object literal in the test would turn "__proto__" into a prototype, not a field.
const BEFORE = '{"id":"1","name":"Widget","__proto__":"old-p","constructor":"old-c","toString":"old-t","hasOwnProperty":"old-h"}';

async function rigWithRecord() {
  return startHostileRig({
    config: { records },
    handler: (req, res) => {
      if (req.method === 'GET') {
        res.writeHead(200, { 'content-type': 'application/json' });
        return res.end(BEFORE);
      }
      return sendJson(res, req.method === 'POST' ? 201 : 200, { ok: true });
    },
  });
}

/** Sends raw JSON text through a fresh rig, expecting `status`, and resolves with the entry it logged. */
async function loggedJson(method: 'POST' | 'PATCH', path: string, body: string, status: number) {
  rig = await rigWithRecord();
  expect((await rig.send(path, { method, headers: { 'content-type': 'application/json' }, body })).status).toBe(status);
  return rig.lastEntry();
}

it('a JSON create with __proto__, constructor and toString fields lists each with its after value', async () => {
  const entry = await loggedJson('POST', '/api/things', '{"name":"Widget","__proto__":{"admin":true},"constructor":"c","toString":"t","valueOf":"v"}', 201);
  expect(entry.records[0]!.changes).toEqual([
    { field: 'name', before: null, after: 'Widget' },
    { field: '__proto__', before: null, after: { admin: true } },
    { field: 'constructor', before: null, after: 'c' },
    { field: 'toString', before: null, after: 't' },
    { field: 'valueOf', before: null, after: 'v' },
  ]);
  expect(entry.action).toBe('Created thing');
});

it('an update of those fields shows before → after from the snapshot, and the action names them', async () => {
  const entry = await loggedJson('PATCH', '/api/things/1', '{"__proto__":"new-p","constructor":"new-c","toString":"old-t","hasOwnProperty":"new-h"}', 200);
  expect(entry.records[0]!.changes).toEqual([
    { field: '__proto__', before: 'old-p', after: 'new-p' },
    { field: 'constructor', before: 'old-c', after: 'new-c' },
    { field: 'hasOwnProperty', before: 'old-h', after: 'new-h' },
  ]);
  expect(entry.action).toBe('Updated thing Widget: __proto__, constructor, hasOwnProperty');
});

it('form-encoded and multipart fields named __proto__, constructor, toString are kept too', async () => {
  rig = await rigWithRecord();
  await rig.send('/api/things', { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: '__proto__=p&constructor=c&toString=t&toString=t2' });
  const boundary = 'B0und';
  const multipart = ['__proto__', 'constructor', 'toString'].map((name) => `--${boundary}\r\ncontent-disposition: form-data; name="${name}"\r\n\r\n${name}-value\r\n`).join('') + `--${boundary}--\r\n`;
  await rig.send('/api/things', { method: 'POST', headers: { 'content-type': `multipart/form-data; boundary=${boundary}` }, body: multipart });
  const [form, parts] = await rig.entries();
  expect(form!.records[0]!.changes).toEqual([
    { field: '__proto__', before: null, after: 'p' },
    { field: 'constructor', before: null, after: 'c' },
    { field: 'toString', before: null, after: ['t', 't2'] },
  ]);
  expect(parts!.records[0]!.changes).toEqual([
    { field: '__proto__', before: null, after: '__proto__-value' },
    { field: 'constructor', before: null, after: 'constructor-value' },
    { field: 'toString', before: null, after: 'toString-value' },
  ]);
});
