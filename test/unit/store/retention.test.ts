import { readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { Entry } from '../../../shared/entry.ts';
import { loadTrust } from '../../../proxy/store/merkle/trust.ts';
import { drafts, logOverDays, openStore, tempDataDir, verifyDir } from '../../helpers/temp-store.ts';

const cleanup: Array<() => Promise<unknown>> = [];
afterEach(async () => {
  while (cleanup.length) await cleanup.pop()!();
});

async function collect<T>(it: AsyncIterable<T>): Promise<T[]> {
  const out: T[] = [];
  for await (const x of it) out.push(x);
  return out;
}

const DAYS = ['2026-01-01', '2026-01-02', '2026-01-03', '2026-01-04'];

/** A log with three entries on each of four UTC days, written as the clock passed them. */
async function fourDayLog(): Promise<{ dataDir: string; written: Entry[] }> {
  const dataDir = await tempDataDir();
  cleanup.push(() => rm(dataDir, { recursive: true, force: true }));
  const { written } = await logOverDays(dataDir, DAYS, { perDay: 3 });
  return { dataDir, written };
}

/** Verify with the folder's own key, as `portal-audit verify` does. */
const verifyTrusted = async (dataDir: string, fingerprint?: string) => verifyDir(dataDir, { fingerprint, trust: await loadTrust(dataDir) });

/** Ten days of retention seen from 2026-01-13: 01-01 and 01-02 are older than 01-03, the oldest day kept. */
const retained = { retentionDays: 10, now: () => new Date('2026-01-13T08:00:00.000Z') };

describe('retention', () => {
  it('removes exactly the segments older than retentionDays, records the removal as an entry and in a signed checkpoint, and keeps the log verifiable', async () => {
    const { dataDir, written } = await fourDayLog();
    const store = await openStore(dataDir, retained);
    expect(await readdir(join(dataDir, 'log'))).toEqual(['2026-01-03.jsonl', '2026-01-04.jsonl', '2026-01-13.jsonl']);
    const checkpoint = JSON.parse(await readFile(join(dataDir, 'retention.json'), 'utf8'));
    const statement = `retention removed 1-6 last ${written[5]!.hash} through 2026-01-02 days 10 at 2026-01-13T08:00:00.000Z`;
    expect(checkpoint).toEqual({
      lastRemoved: { seq: 6, hash: written[5]!.hash },
      firstKeptSeq: 7,
      prunedThrough: '2026-01-02',
      prunedAt: '2026-01-13T08:00:00.000Z',
      retentionDays: 10,
      entrySeq: 13,
      checkpoint: expect.stringMatching(new RegExp(`^portal-audit/[0-9a-f]{16}\n13\n[A-Za-z0-9+/=]{44}\ntime 2026-01-13T08:00:00.000Z\n${statement} entry 13\n\n\u2014 `)),
    });
    expect(store.notices).toEqual([expect.stringMatching(/removed 2 day segment\(s\) with 6 entries through 2026-01-02; the log now starts at entry 7/)]);
    const [recorded] = await store.getMany([13]);
    expect(recorded).toMatchObject({ source: 'Audit Log', verb: 'retention', at: '2026-01-13T08:00:00.000Z', prevHash: written[11]!.hash });
    expect(recorded!.records[0]!.changes).toEqual([{ field: 'retention', before: null, after: statement }]);
    expect(store.head()).toEqual({ seq: 13, hash: recorded!.hash });
    expect((await collect(store.readSeq(1))).map((e) => e.seq)).toEqual([7, 8, 9, 10, 11, 12, 13]);
    expect((await store.getMany([2, 7, 6, 12])).map((e) => e.seq)).toEqual([7, 12]);
    expect((await collect(store.iterateTime())).map((e) => e.seq)).toEqual([7, 8, 9, 10, 11, 12, 13]);
    expect(store.retention()).toEqual(checkpoint);
    await store.close();

    const result = await verifyTrusted(dataDir);
    expect(result).toMatchObject({ ok: true, checked: 7, fingerprint: `13:${recorded!.hash}` });
    expect(result.retention).toEqual({ firstSeq: 7, anchor: `6:${written[5]!.hash}`, prunedThrough: '2026-01-02', prunedAt: '2026-01-13T08:00:00.000Z' });
  });

  it('continues the chain after a restart, and a later pruning advances the checkpoint', async () => {
    const { dataDir, written } = await fourDayLog();
    await (await openStore(dataDir, retained)).close();
    const again = await openStore(dataDir, retained);
    expect(again.notices).toEqual([]);
    const [recorded] = await again.getMany([13]);
    const next = await again.append(drafts(1, { prefix: 'later' })[0]!);
    expect(next).toMatchObject({ seq: 14, prevHash: recorded!.hash });
    await again.close();
    expect(await verifyTrusted(dataDir)).toMatchObject({ ok: true, checked: 8 });

    // A day later 2026-01-03 has aged out too; 2026-01-14 now holds the newest entry (the second removal's).
    const later = await openStore(dataDir, { retentionDays: 10, now: () => new Date('2026-01-14T08:00:00.000Z') });
    expect(await readdir(join(dataDir, 'log'))).toEqual(['2026-01-04.jsonl', '2026-01-13.jsonl', '2026-01-14.jsonl']);
    expect(later.retention()).toMatchObject({ lastRemoved: { seq: 9, hash: written[8]!.hash }, firstKeptSeq: 10, prunedThrough: '2026-01-03', entrySeq: 15 });
    await later.close();
    expect(await verifyTrusted(dataDir)).toMatchObject({ ok: true, checked: 6, retention: { firstSeq: 10 } });
  });

  it('never removes the newest segment, even when it is past the retention period', async () => {
    const { dataDir, written } = await fourDayLog();
    const store = await openStore(dataDir, { retentionDays: 1, now: () => new Date('2027-01-01T00:00:00.000Z') });
    // The removal's own entry goes to the new newest segment; 2026-01-04 was the newest when the run began.
    expect(await readdir(join(dataDir, 'log'))).toEqual(['2026-01-04.jsonl', '2027-01-01.jsonl']);
    const next = await store.append(drafts(1, { prefix: 'next-year' })[0]!);
    expect(next).toMatchObject({ seq: 14 });
    expect((await store.getMany([13]))[0]).toMatchObject({ verb: 'retention', prevHash: written[11]!.hash });
    await store.close();
    expect(await verifyTrusted(dataDir)).toMatchObject({ ok: true, checked: 5, retention: { firstSeq: 10 } });
  });

  it('verify detects an edited first kept entry and a forged checkpoint hash', async () => {
    const { dataDir, written } = await fourDayLog();
    await (await openStore(dataDir, retained)).close();
    const segment = join(dataDir, 'log', '2026-01-03.jsonl');
    const original = await readFile(segment, 'utf8');
    await writeFile(segment, original.replace(/"member":"[^"]*"/, '"member":"Someone Else"'));
    expect((await verifyTrusted(dataDir)).firstBad).toEqual({ seq: 7, reason: expect.stringMatching(/altered/) });
    await writeFile(segment, original);

    const checkpointPath = join(dataDir, 'retention.json');
    const checkpoint = await readFile(checkpointPath, 'utf8');
    await writeFile(checkpointPath, checkpoint.replace(written[5]!.hash, 'f'.repeat(64)));
    expect((await verifyTrusted(dataDir)).firstBad).toEqual({
      seq: 1,
      reason: expect.stringMatching(/entries 1–6 are gone, but retention.json does not match the removal its signed checkpoint states/),
    });

    await writeFile(checkpointPath, '{"lastRemoved":');
    await expect(openStore(dataDir, { readOnly: true })).rejects.toThrow(/retention checkpoint is not valid JSON/);
  });

  it('a fingerprint of a removed entry is reported as pruned, not ok; one of the last removed entry is still checked', async () => {
    const { dataDir, written } = await fourDayLog();
    await (await openStore(dataDir, retained)).close();
    const pruned = await verifyTrusted(dataDir, `3:${written[2]!.hash}`);
    expect(pruned.ok).toBe(false);
    expect(pruned.firstBad).toEqual({ seq: 3, reason: expect.stringMatching(/removed by retention on 2026-01-13 .*can no longer be checked/) });
    expect((await verifyTrusted(dataDir, `6:${written[5]!.hash}`)).ok).toBe(true);
    expect((await verifyTrusted(dataDir, `6:${'0'.repeat(64)}`)).firstBad).toEqual({ seq: 6, reason: expect.stringMatching(/fingerprint/) });
  });

  it('a read-only store never prunes, and a store without retentionDays keeps everything', async () => {
    const { dataDir } = await fourDayLog();
    const reader = await openStore(dataDir, { ...retained, readOnly: true });
    await reader.close();
    const keeper = await openStore(dataDir, { now: retained.now });
    await keeper.close();
    expect(await readdir(join(dataDir, 'log'))).toEqual(DAYS.map((d) => `${d}.jsonl`));
    expect(await readdir(dataDir)).not.toContain('retention.json');
  });

  it('finishes a pruning that stopped after its checkpoint was written', async () => {
    const { dataDir } = await fourDayLog();
    const segment = join(dataDir, 'log', '2026-01-01.jsonl');
    const kept = await readFile(segment);
    await (await openStore(dataDir, retained)).close();
    // As if the process died between writing retention.json and deleting the segments.
    await writeFile(segment, kept);
    expect(await verifyTrusted(dataDir)).toMatchObject({ ok: true, checked: 7 });
    const store = await openStore(dataDir);
    expect(await readdir(join(dataDir, 'log'))).toEqual(['2026-01-03.jsonl', '2026-01-04.jsonl', '2026-01-13.jsonl']);
    const [recorded] = await store.getMany([13]);
    expect((await store.append(drafts(1)[0]!)).prevHash).toBe(recorded!.hash);
    await store.close();
  });
});
