import { expect, it, vi } from 'vitest';
import { MAX_BODY_FIELDS } from '../../../proxy/capture/body-limits.ts';
import { sha256 } from '../../helpers/counting-upstream.ts';
import { hostileRigForTest } from '../../helpers/hostile-rig.ts';
import { sendJson } from '../../helpers/recording-upstream.ts';

const form = { 'content-type': 'application/x-www-form-urlencoded' };

it('a 240 KB form of one repeated key (a& × 120,000) is parsed in linear time with a capped field count, and a GET sent beside it is answered first', async () => {
  let release = () => undefined as void;
  const held = new Promise<void>((resolve) => (release = resolve));
  const rig = await hostileRigForTest({
    config: { records: [{ method: 'POST', path: '/signup', type: 'signup' }] },
    // The portal answers reads at once and holds the hostile POST until the test lets it go.
    handler: (req, res) => {
      if (req.method === 'GET') return sendJson(res, 200, { page: 'home' });
      return held.then(() => sendJson(res, 201, { ok: true }));
    },
  });
  const hostile = 'a&'.repeat(120_000);
  const post = rig.send('/signup', { method: 'POST', headers: form, body: hostile });
  // Before this fix the proxy parsed such a body for 79 s with every other request waiting, so this
  // GET (sent beside it) outlasted the test's time limit; now it is answered while the POST is still open.
  const get = await rig.send('/home');
  expect(get.status).toBe(200);
  await vi.waitFor(() => expect(rig.upstream.counted().some((r) => r.method === 'POST')).toBe(true), { timeout: 10_000 });
  expect(await rig.entries()).toEqual([]);
  release();
  expect((await post).status).toBe(201);

  const [entry] = await rig.entries();
  const change = entry!.records[0]!.changes.find((c) => c.field === 'a')!;
  expect(change.after).toHaveLength(MAX_BODY_FIELDS);
  expect(entry!.notes).toContainEqual(expect.stringMatching(/120000 fields; the first 10000 kept/));
  const posted = rig.upstream.counted().find((r) => r.method === 'POST')!;
  expect(posted.sha256).toBe(sha256(hostile));
});

it('a multipart body with more parts than the cap keeps the first ones and says so', async () => {
  const rig = await hostileRigForTest({ config: { records: [{ method: 'POST', path: '/upload', type: 'upload' }], captureBodyLimit: 2 * 1024 * 1024 } });
  const boundary = 'XyZ';
  const parts = Array.from({ length: MAX_BODY_FIELDS + 50 }, (_, i) => `--${boundary}\r\ncontent-disposition: form-data; name="f"\r\n\r\n${i}\r\n`).join('');
  const body = `${parts}--${boundary}--\r\n`;
  expect((await rig.send('/upload', { method: 'POST', headers: { 'content-type': `multipart/form-data; boundary=${boundary}` }, body })).status).toBe(201);
  const [entry] = await rig.entries();
  const f = entry!.records[0]!.changes.find((c) => c.field === 'f')!.after as string[];
  expect(f).toHaveLength(MAX_BODY_FIELDS);
  expect(f.slice(0, 3)).toEqual(['0', '1', '2']);
  expect(entry!.notes).toContainEqual(expect.stringMatching(/more than 10000 parts/));
  expect(rig.upstream.counted()[0]!.sha256).toBe(sha256(body));
});
