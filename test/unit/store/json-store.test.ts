import { readdir, readFile, symlink, writeFile, appendFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { drafts, openStore, scratchDataDir } from '../../helpers/temp-store.ts';

async function collect<T>(it: AsyncIterable<T>): Promise<T[]> {
  const out: T[] = [];
  for await (const x of it) out.push(x);
  return out;
}

describe('JSON store', () => {
  it('rolls from one day segment to the next as the clock passes midnight UTC', async () => {
    const dataDir = await scratchDataDir();
    let now = new Date('2026-03-01T23:59:59.000Z');
    const store = await openStore(dataDir, { now: () => now });
    await store.append(drafts(1, { at: now })[0]!);
    now = new Date('2026-03-02T00:00:01.000Z');
    await store.append(drafts(1, { at: now, prefix: 'next' })[0]!);
    await store.close();
    expect(await readdir(join(dataDir, 'log'))).toEqual(['2026-03-01.jsonl', '2026-03-02.jsonl']);
    const day2 = (await readFile(join(dataDir, 'log', '2026-03-02.jsonl'), 'utf8')).trim().split('\n');
    expect(day2.map((l) => JSON.parse(l).seq)).toEqual([2]);
    const reopened = await openStore(dataDir, { now: () => now });
    expect((await collect(reopened.readSeq(1))).map((e) => e.seq)).toEqual([1, 2]);
    expect((await collect(reopened.iterateTime(new Date('2026-03-02T00:00:00Z')))).map((e) => e.requestId)).toEqual(['next-0']);
    await reopened.close();
  });

  it('rejects an append when the disk is full, turns unwritable, and leaves no half-written entry', async () => {
    const dataDir = await scratchDataDir();
    let now = new Date('2026-03-01T12:00:00.000Z');
    const store = await openStore(dataDir, { now: () => now });
    await store.append(drafts(1, { at: now })[0]!);
    // The next day's segment is a full disk: every write to it fails with ENOSPC.
    await symlink('/dev/full', join(dataDir, 'log', '2026-03-02.jsonl'));
    now = new Date('2026-03-02T12:00:00.000Z');
    await expect(store.append(drafts(1, { at: now, prefix: 'full' })[0]!)).rejects.toThrow(/ENOSPC/);
    expect(store.writable()).toBe(false);
    await expect(store.intend(drafts(1, { prefix: 'intent' })[0]!)).rejects.toThrow(/cannot write/);
    expect(store.head().seq).toBe(1);
    await store.close();
  });

  it('is unwritable when the log folder path is taken by a file', async () => {
    const dataDir = await scratchDataDir();
    await writeFile(join(dataDir, 'log'), 'not a folder');
    const store = await openStore(dataDir);
    expect(store.writable()).toBe(false);
    await expect(store.append(drafts(1)[0]!)).rejects.toThrow(/cannot write the audit log/);
    await store.close();
  });

  it('writes 200 concurrent appends in far fewer syncs (group commit), each acknowledged once', async () => {
    const dataDir = await scratchDataDir();
    const store = await openStore(dataDir);
    const before = store.stats().syncRounds;
    const entries = await Promise.all(drafts(200).map((d) => store.append(d)));
    const rounds = store.stats().syncRounds - before;
    expect(new Set(entries.map((e) => e.seq)).size).toBe(200);
    expect(rounds).toBeLessThanOrEqual(10);
    await store.close();
  });

  it('cuts a torn last line left by a crash and keeps its bytes aside', async () => {
    const dataDir = await scratchDataDir();
    const store = await openStore(dataDir);
    await store.append(drafts(1)[0]!);
    await store.close();
    const [segment] = await readdir(join(dataDir, 'log'));
    await appendFile(join(dataDir, 'log', segment!), '{"id":"01TORN","seq":2,"at":"20');
    const reopened = await openStore(dataDir);
    expect(reopened.notices.join('\n')).toMatch(/unfinished line/);
    expect(reopened.head().seq).toBe(1);
    expect((await reopened.append(drafts(1, { prefix: 'next' })[0]!)).seq).toBe(2);
    expect((await collect(reopened.readSeq(1))).map((e) => e.seq)).toEqual([1, 2]);
    expect(await readdir(join(dataDir, 'recovered'))).toHaveLength(1);
    await reopened.close();
  });
});
