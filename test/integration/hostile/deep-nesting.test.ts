import { afterEach, expect, it } from 'vitest';
import { MAX_BODY_DEPTH } from '../../../proxy/capture/body-limits.ts';
import { TOO_DEEP } from '../../../proxy/store/sanitize.ts';
import { sha256 } from '../../helpers/counting-upstream.ts';
import { startHostileRig, type HostileRig } from '../../helpers/hostile-rig.ts';
import { sendJson } from '../../helpers/recording-upstream.ts';

let rig: HostileRig | undefined;
afterEach(async () => {
  await rig?.close();
  rig = undefined;
});

const SECRETS = ['Deep-Secret-Pw-1', 'Deep-Secret-Pw-2', '4111111111111111'];

/** JSON text nested `levels` deep, with a password near the top and one at the bottom. */
function deepJson(levels: number): string {
  return `{"title":"plain","password":"${SECRETS[0]}","nest":${`{"password":"${SECRETS[1]}","card":"4111 1111 1111 1111","next":`.repeat(levels)}"end"${'}'.repeat(levels)}}`;
}

async function expectNoSecretOnDisk(r: HostileRig) {
  const files = await r.files();
  expect(files.length).toBeGreaterThan(0);
  for (const { path, text } of files) for (const secret of SECRETS) expect(text.includes(secret), `${secret} in ${path}`).toBe(false);
}

it.each([2_500, 4_000, 4_500, 50_000])('JSON nested %i levels: the entry is written, cut at the documented depth, and no secret reaches the disk', async (levels) => {
  rig = await startHostileRig({ config: { records: [{ method: 'POST', path: '/api/things', type: 'thing' }], captureBodyLimit: 8 * 1024 * 1024 } });
  const body = deepJson(levels);
  const answer = await rig.send('/api/things', { method: 'POST', headers: { 'content-type': 'application/json' }, body });
  expect(answer.status).toBe(201);
  const entries = await rig.entries();
  expect(entries).toHaveLength(1);
  const changes = entries[0]!.records[0]!.changes;
  expect(changes.find((c) => c.field === 'title')!.after).toBe('plain');
  expect(changes.find((c) => c.field === 'password')!.after).toBe('[redacted]');
  expect(JSON.stringify(changes)).toContain(TOO_DEEP);
  expect(entries[0]!.notes).toContainEqual(expect.stringMatching(new RegExp(`nested deeper than ${MAX_BODY_DEPTH} levels`)));
  expect(rig.upstream.counted()[0]!.sha256).toBe(sha256(body));
  await expectNoSecretOnDisk(rig);
});

it("a deep record planted at the portal does not leak its secrets when an admin later deletes it (the snapshot's before)", async () => {
  rig = await startHostileRig({
    config: { records: [{ path: '/api/things/:id', type: 'thing' }] },
    handler: (req, res) => {
      if (req.method === 'GET') {
        res.writeHead(200, { 'content-type': 'application/json' });
        return res.end(deepJson(4_000));
      }
      return sendJson(res, 200, { ok: true });
    },
  });
  expect((await rig.send('/api/things/1', { method: 'DELETE' })).status).toBe(200);
  const [entry] = await rig.entries();
  expect(entry!.outcome).toBe('success');
  expect(entry!.records[0]!.changes.find((c) => c.field === 'title')).toEqual({ field: 'title', before: 'plain', after: null });
  await expectNoSecretOnDisk(rig);
});
