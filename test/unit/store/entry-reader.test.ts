import { readdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { expect, it } from 'vitest';
import type { Entry } from '../../../shared/entry.ts';
import { drafts, openStore, scratchDataDir } from '../../helpers/temp-store.ts';

it('a line altered on disk is left out of page reads and told once, while a full walk still stops at it', async () => {
  const dataDir = await scratchDataDir();
  const store = await openStore(dataDir);
  for (const d of drafts(3)) await store.append(d);
  const [segment] = await readdir(join(dataDir, 'log'));
  const path = join(dataDir, 'log', segment!);
  const lines = (await readFile(path, 'utf8')).split('\n');
  lines[1] = `x${lines[1]!.slice(1)}`;
  await writeFile(path, lines.join('\n'));

  expect((await store.getMany([1, 2, 3])).map((e) => e.seq)).toEqual([1, 3]);
  expect((await store.getMany([2])).map((e) => e.seq)).toEqual([]);
  expect(store.notices.filter((n) => n.includes('corrupt line'))).toHaveLength(1);
  expect(store.notices[0]).toMatch(new RegExp(`${segment} byte \\d+: line is not valid JSON`));
  const walked: Entry[] = [];
  await expect(async () => {
    for await (const e of store.readSeq(1)) walked.push(e);
  }).rejects.toThrow(/line is not valid JSON/);
  expect(walked.map((e) => e.seq)).toEqual([1]);
  await store.close();
});

it('whereIs names the segment file and line of an entry, counting the blank lines a hand edit left, in any segment', async () => {
  const dataDir = await scratchDataDir();
  let now = new Date('2026-03-01T12:00:00.000Z');
  const writer = await openStore(dataDir, { now: () => now });
  for (const d of drafts(3, { at: now })) await writer.append(d);
  now = new Date('2026-03-02T12:00:00.000Z');
  for (const d of drafts(2, { prefix: 'next', at: now })) await writer.append(d);
  await writer.close();
  const first = join(dataDir, 'log', '2026-03-01.jsonl');
  const lines = (await readFile(first, 'utf8')).split('\n');
  await writeFile(first, [lines[0], '', ...lines.slice(1)].join('\n'));

  const store = await openStore(dataDir, { readOnly: true });
  expect(await store.whereIs(1)).toBe(`${first} line 1`);
  expect(await store.whereIs(2)).toBe(`${first} line 3`);
  expect(await store.whereIs(5)).toBe(`${join(dataDir, 'log', '2026-03-02.jsonl')} line 2`);
  expect(await store.whereIs(6)).toBeNull();
  await store.close();
});
