import { readdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { expect, it } from 'vitest';
import { verifyLog } from '../../proxy/store/verify.ts';
import { allEntries, drafts, openStore, scratchDataDir } from '../helpers/temp-store.ts';

it('a restart over any intent journal succeeds: bad lines become a notice, readable request ids an unknown entry', async () => {
  const dataDir = await scratchDataDir();
  const first = await openStore(dataDir);
  const [settled, valid, abandoned] = drafts(3, { prefix: 'journal' });
  await first.append(settled!);
  await first.close();

  const intend = (draft: unknown, head: unknown = 1) => JSON.stringify({ intend: { draft, head } });
  const lines = [
    'not json at all',
    '{"intend":{"draft":{"requestId":"torn-in-the-middle',
    'null',
    '42',
    '"a string"',
    '[]',
    '{"intend":5}',
    '{"intend":{"draft":null,"head":1}}',
    '{"intend":{"draft":{"method":"POST"},"head":1}}',
    intend(settled), // its entry is in the log: settled, no second entry
    intend(valid),
    intend(valid, 'not a number'), // the same request noted twice: one entry
    intend({ requestId: 'fails-validation', method: 'DELETE', path: '/api/students/7', status: 'teapot', records: 'none', at: 'whenever' }),
    // Valid to the schema, but RFC 8785 cannot hash a lone surrogate.
    '{"intend":{"draft":' + JSON.stringify({ ...valid!, requestId: 'lone-surrogate', member: 'X' }).replace('"X"', '"\\ud800"') + ',"head":1}}',
    '{"intend":{"draft":{"requestId":"\\udc00"},"head":1}}',
    intend(abandoned),
    JSON.stringify({ abandon: abandoned!.requestId }),
  ];
  await writeFile(join(dataDir, 'intents.jsonl'), `${lines.join('\n')}\n{"intend":{"dra`);

  const store = await openStore(dataDir);
  const entries = await allEntries(store);
  expect(entries.map((e) => e.requestId)).toEqual([settled!.requestId, expect.any(String), expect.any(String), expect.any(String)]);
  const recovered = new Map(entries.slice(1).map((e) => [e.requestId, e]));
  expect([...recovered.keys()].sort()).toEqual(['fails-validation', 'lone-surrogate', valid!.requestId].sort());
  for (const entry of recovered.values()) expect(entry).toMatchObject({ outcome: 'unknown', status: null });
  expect(recovered.get(valid!.requestId)).toMatchObject({ member: valid!.member, path: valid!.path, action: expect.stringMatching(/stopped before the portal answered/) });
  expect(recovered.get('fails-validation')).toMatchObject({ method: 'DELETE', path: '/api/students/7', member: 'unknown', action: expect.stringMatching(/could not be read in full/) });
  // A draft that is valid but not representable keeps everything else, with a marker and a note.
  expect(recovered.get('lone-surrogate')).toMatchObject({ member: '[unrepresentable]', path: valid!.path, notes: [expect.stringMatching(/member/)] });
  const notices = store.notices.join('\n');
  expect(notices).toMatch(/Skipped 10 line\(s\) of intents.jsonl/);
  expect(notices).toMatch(/1 unfinished request\(s\) had an intent that failed validation/);
  expect(notices).toMatch(/Recovered 3 request\(s\)/);
  // The skipped lines are kept, not thrown away.
  const kept = (await readdir(join(dataDir, 'recovered'))).find((name) => name.startsWith('intents.'));
  expect(await readFile(join(dataDir, 'recovered', kept!), 'utf8')).toContain('not json at all');
  expect((await verifyLog(store)).ok).toBe(true);
  await store.close();

  // Settled: the next restart logs nothing twice and has nothing to say.
  const again = await openStore(dataDir);
  expect(await allEntries(again)).toHaveLength(4);
  expect(again.notices).toEqual([]);
  await again.close();
});
