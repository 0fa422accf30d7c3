import { readdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import canonicalize from 'canonicalize';
import { expect, it } from 'vitest';
import type { Entry } from '../../../shared/entry.ts';
import { migrateToCanonical } from '../../../proxy/store/json/canonical-migration.ts';
import { drafts, openStore, scratchDataDir, verifyDir } from '../../helpers/temp-store.ts';

/** A log as versions before strict reading wrote it: JSON.stringify with id, seq and at first. */
async function legacyLog(): Promise<{ dataDir: string; segment: string; written: Entry[] }> {
  const dataDir = await scratchDataDir();
  const store = await openStore(dataDir);
  const written: Entry[] = [];
  for (const d of drafts(4)) written.push(await store.append(d));
  await store.close();
  const [name] = await readdir(join(dataDir, 'log'));
  const segment = join(dataDir, 'log', name!);
  await writeFile(segment, written.map(({ id, seq, at, ...rest }) => `${JSON.stringify({ id, seq, at, ...rest })}\n`).join(''));
  return { dataDir, segment, written };
}

it('rewrites a log of an older version canonically, once, keeping every hash (and so every fingerprint)', async () => {
  const { dataDir, segment, written } = await legacyLog();
  expect((await verifyDir(dataDir)).firstBad).toEqual({ seq: 1, reason: expect.stringMatching(/canonical/) });
  expect(await migrateToCanonical(dataDir)).toEqual({ segments: 1, rewritten: 4, unchanged: 0 });
  expect(await readFile(segment, 'utf8')).toBe(written.map((e) => `${canonicalize(e)}\n`).join(''));
  expect(await verifyDir(dataDir)).toMatchObject({ ok: true, checked: 4, fingerprint: `4:${written[3]!.hash}` });
  expect(await migrateToCanonical(dataDir)).toEqual({ segments: 0, rewritten: 0, unchanged: 4 });
});

it('refuses, changing nothing, when a line has a duplicate key', async () => {
  const { dataDir, segment } = await legacyLog();
  const before = await readFile(segment, 'utf8');
  const lines = before.split('\n');
  lines[2] = lines[2]!.replace(/"member":/, '"member":"Forged","member":');
  await writeFile(segment, lines.join('\n'));
  await expect(migrateToCanonical(dataDir)).rejects.toThrow(/line 3 is neither canonical nor as Portal Audit wrote it/);
  expect(await readFile(segment, 'utf8')).toBe(lines.join('\n'));
});
