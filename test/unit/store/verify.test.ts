import { cp, rm } from 'node:fs/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { recomputeHash } from '../../../proxy/store/chain.ts';
import { createEntryGenerator } from '../../../proxy/dev/generate-entries.ts';
import { rewriteLog } from '../../helpers/rewrite-log.ts';
import { openStore, tempDataDir, verifyDir } from '../../helpers/temp-store.ts';

let original = '';
let fingerprint = '';
const copies: string[] = [];

beforeAll(async () => {
  original = await tempDataDir();
  const store = await openStore(original);
  const draftAt = createEntryGenerator({ entries: 40, days: 1 });
  await store.appendBulk(Array.from({ length: 40 }, (_, i) => draftAt(i)));
  for (const d of Array.from({ length: 5 }, (_, i) => ({ ...draftAt(i), at: new Date().toISOString(), requestId: `live-${i}` }))) await store.append(d);
  fingerprint = `${store.head().seq}:${store.head().hash}`;
  await store.close();
});
afterAll(() => Promise.all([original, ...copies].map((d) => rm(d, { recursive: true, force: true }))));

/** A copy of the real log with its lines (over all segments) changed by `edit`. */
async function tampered(edit: (lines: string[]) => void): Promise<string> {
  const copy = await tempDataDir();
  copies.push(copy);
  await cp(original, copy, { recursive: true });
  await rewriteLog(copy, edit);
  return copy;
}

describe('verifyLog', () => {
  it('passes an intact log and prints its fingerprint', async () => {
    expect(await verifyDir(original)).toEqual({ ok: true, checked: 45, firstBad: null, fingerprint });
  });

  it('names an entry whose field was edited', async () => {
    const dir = await tampered((lines) => (lines[9] = lines[9]!.replace(/"member":"[^"]*"/, '"member":"Someone Else"')));
    expect((await verifyDir(dir)).firstBad).toEqual({ seq: 10, reason: expect.stringMatching(/altered/) });
  });

  it('names a deleted line', async () => {
    const dir = await tampered((lines) => lines.splice(20, 1));
    expect((await verifyDir(dir)).firstBad).toEqual({ seq: 21, reason: expect.stringMatching(/missing/) });
  });

  it('names a swapped pair of lines', async () => {
    const dir = await tampered((lines) => ([lines[30], lines[31]] = [lines[31]!, lines[30]!]));
    const result = await verifyDir(dir);
    expect(result.ok).toBe(false);
    expect(result.firstBad!.seq).toBe(31);
    expect(result.checked).toBe(30);
  });

  it('names an inserted line, even one with the right seq and a recomputed hash', async () => {
    const dir = await tampered((lines) => {
      // A forger who knows the algorithm: a believable entry 6, chained to entry 5 and hashed correctly.
      const forged = { ...JSON.parse(lines[5]!), member: 'Forged Person' };
      forged.hash = recomputeHash(forged);
      lines.splice(5, 0, JSON.stringify(forged));
    });
    expect((await verifyDir(dir)).firstBad).toEqual({ seq: 6, reason: expect.stringMatching(/appears again/) });
  });

  it('names a line that is not an entry', async () => {
    const dir = await tampered((lines) => (lines[2] = 'garbage'));
    expect((await verifyDir(dir)).firstBad).toEqual({ seq: 3, reason: expect.stringMatching(/not an entry/) });
  });

  it('names the first problem in file order, even when a later line read with it is not an entry', async () => {
    // Lines 10 and 13 are in the same read of the same segment: the altered entry 10 must be named, not the
    // garbage after it (a reader that parsed a whole read before handing its entries over would name the garbage).
    const dir = await tampered((lines) => {
      lines[9] = lines[9]!.replace(/"member":"[^"]*"/, '"member":"Someone Else"');
      lines[12] = 'garbage';
    });
    const result = await verifyDir(dir);
    expect(result.firstBad).toEqual({ seq: 10, reason: expect.stringMatching(/altered/) });
    expect(result.checked).toBe(9);
  });

  it('fails a fingerprint whose hash is not the entry at that seq (history rewritten)', async () => {
    const [seq] = fingerprint.split(':');
    const wrong = `${seq}:${'a'.repeat(64)}`;
    expect((await verifyDir(original, { fingerprint: wrong })).firstBad).toEqual({ seq: Number(seq), reason: expect.stringMatching(/fingerprint/) });
    expect((await verifyDir(original, { fingerprint })).ok).toBe(true);
  });

  it('fails a fingerprint beyond the end of the log (entries removed from the end)', async () => {
    const dir = await tampered((lines) => lines.splice(-2, 2));
    expect((await verifyDir(dir, { fingerprint })).firstBad).toEqual({ seq: 45, reason: expect.stringMatching(/ends at entry 43/) });
  });
});
