import { readdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import canonicalize from 'canonicalize';
import { describe, expect, it } from 'vitest';
import type { EntrySummary } from '../../../shared/entry.ts';
import { drafts, openStore, scratchDataDir, verifyDir } from '../../helpers/temp-store.ts';

/** A log of five entries in one segment; returns the folder and the segment's path. */
async function fiveEntries(): Promise<{ dataDir: string; segment: string }> {
  const dataDir = await scratchDataDir();
  const store = await openStore(dataDir);
  for (const d of drafts(5)) await store.append(d);
  await store.close();
  const [name] = await readdir(join(dataDir, 'log'));
  return { dataDir, segment: join(dataDir, 'log', name!) };
}

async function editLine(segment: string, index: number, edit: (line: string) => string): Promise<void> {
  const lines = (await readFile(segment, 'utf8')).split('\n');
  lines[index] = edit(lines[index]!);
  await writeFile(segment, lines.join('\n'));
}

/** What the search index reads of the log, or the error that stopped it. */
async function indexed(dataDir: string): Promise<EntrySummary[] | Error> {
  const store = await openStore(dataDir, { readOnly: true });
  const out: EntrySummary[] = [];
  try {
    await store.scanForIndex(1, (e) => out.push({ ...e }));
    return out;
  } catch (err) {
    return err as Error;
  } finally {
    await store.close();
  }
}

describe('strict reading: a stored line is exactly the RFC 8785 canonical form of its entry', () => {
  it('writes every line in canonical form', async () => {
    const { segment } = await fiveEntries();
    const lines = (await readFile(segment, 'utf8')).trim().split('\n');
    expect(lines).toHaveLength(5);
    for (const line of lines) expect(line).toBe(canonicalize(JSON.parse(line)));
  });

  it('refuses a second "member" key: verify names the entry, the index never shows the forged name, readers refuse it', async () => {
    const { dataDir, segment } = await fiveEntries();
    await editLine(segment, 2, (line) => line.replace(/"member":("[^"]*")/, '"member":"Forged Person","member":$1'));
    expect((await verifyDir(dataDir)).firstBad).toEqual({ seq: 3, reason: expect.stringMatching(/not in canonical form/) });
    const seen = await indexed(dataDir);
    if (Array.isArray(seen)) expect(seen.map((e) => e.member)).not.toContain('Forged Person');
    else expect(seen.message).toMatch(/canonical/);
    // Refused by leaving it out (one bad line must not fail every page that would show it), and told.
    const store = await openStore(dataDir, { readOnly: true });
    expect(await store.getMany([3])).toEqual([]);
    expect(store.notices.join('\n')).toMatch(/canonical/);
    await store.close();
  });

  it('refuses the last of two duplicate keys just the same (JSON.parse keeps the last)', async () => {
    const { dataDir, segment } = await fiveEntries();
    await editLine(segment, 1, (line) => line.replace(/"member":("[^"]*")/, '"member":$1,"member":"Forged Person"'));
    expect((await verifyDir(dataDir)).firstBad).toEqual({ seq: 2, reason: expect.stringMatching(/not in canonical form/) });
    const seen = await indexed(dataDir);
    if (Array.isArray(seen)) expect(seen.map((e) => e.member)).not.toContain('Forged Person');
  });

  it('refuses reordered keys and whitespace, even though the entry and its hash are unchanged', async () => {
    const reordered = await fiveEntries();
    await editLine(reordered.segment, 3, (line) => {
      const { hash, ...rest } = JSON.parse(line);
      return JSON.stringify({ hash, ...rest });
    });
    expect((await verifyDir(reordered.dataDir)).firstBad).toEqual({ seq: 4, reason: expect.stringMatching(/not in canonical form/) });

    const spaced = await fiveEntries();
    await editLine(spaced.segment, 0, (line) => JSON.stringify(JSON.parse(canonicalize(JSON.parse(line))!), null, 1).replace(/\n/g, ''));
    expect((await verifyDir(spaced.dataDir)).firstBad).toEqual({ seq: 1, reason: expect.stringMatching(/not in canonical form/) });
  });
});
