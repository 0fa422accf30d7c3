import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startHostileRig, type HostileRig } from '../../helpers/hostile-rig.ts';
import { sendRaw } from '../../helpers/raw-client.ts';

let proxy: HostileRig;
/** For each request the portal received: whether its intent was already in the journal at that moment. */
const intentSeen = new Map<string, boolean>();

beforeAll(async () => {
  proxy = await startHostileRig({
    config: {
      records: [
        { method: 'LOCK', path: '/dav/locks/:id', type: 'lock', verb: 'lock' },
        { path: '/dav/files/:id', type: 'file' },
      ],
    },
    handler: async (req, res) => {
      const journal = await readFile(join(proxy.dataDir, 'intents.jsonl'), 'utf8').catch(() => '');
      intentSeen.set(`${req.method} ${req.url}`, journal.includes(`"method":"${req.method}"`) && journal.includes(req.url));
      res.writeHead(207, { 'content-type': 'application/json' }).end('{"ok":true}');
    },
  });
});
afterAll(() => proxy?.close());

describe('every method but GET, HEAD, OPTIONS and TRACE is a change', () => {
  it.each(['MERGE', 'PROPPATCH', 'LOCK', 'UNLOCK', 'MKCOL', 'COPY', 'MOVE', 'PURGE', 'LINK', 'PROPFIND', 'SEARCH', 'REPORT'])(
    '%s is recorded, its intent on disk before the portal sees it',
    async (method) => {
      const target = `/dav/files/${method.toLowerCase()}-1`;
      const answer = await sendRaw(proxy.url, target, { method, headers: { 'content-type': 'application/xml' }, body: '<x/>' });
      expect(answer.status).toBe(207);
      expect(intentSeen.get(`${method} ${target}`)).toBe(true);
      const entry = (await proxy.entries()).find((e) => e.method === method);
      expect(entry).toMatchObject({ path: target, status: 207, outcome: 'success', records: [expect.objectContaining({ type: 'file', id: `${method.toLowerCase()}-1` })] });
    },
  );

  it('a rule may name such a method', async () => {
    await sendRaw(proxy.url, '/dav/locks/9', { method: 'LOCK' });
    const entry = (await proxy.entries()).filter((e) => e.method === 'LOCK').at(-1);
    expect(entry).toMatchObject({ verb: 'lock', records: [expect.objectContaining({ type: 'lock', id: '9' })] });
  });

  it.each(['GET', 'HEAD', 'OPTIONS', 'TRACE'])('%s only reads: forwarded, not recorded', async (method) => {
    const before = (await proxy.entries()).length;
    const answer = await sendRaw(proxy.url, `/dav/files/read-${method}`, { method });
    expect(answer.status).toBe(207);
    expect(proxy.upstream.received.some((r) => r.method === method && r.url === `/dav/files/read-${method}`)).toBe(true);
    expect((await proxy.entries()).length).toBe(before);
  });
});
