import { expect, it } from 'vitest';
import { createSearchEngine } from '../../proxy/search/engine.ts';
import { drafts, openStore, scratchDataDir } from '../helpers/temp-store.ts';

const config = { timezone: 'UTC', dateOrder: 'MDY' as const };
const DAYS = ['2026-01-01', '2026-01-02', '2026-01-03', '2026-01-04'];
const MEMBERS = ['Oldest Quill', 'Older Quill', 'Kept Quill', 'Newest Quill'];

/** Three entries a day over four days, each day's entries by its own member, indexed and saved by an engine. */
async function indexedLog(): Promise<string> {
  const dataDir = await scratchDataDir();
  let now = new Date(`${DAYS[0]}T12:00:00.000Z`);
  const store = await openStore(dataDir, { now: () => now });
  const engine = await createSearchEngine({ store, config: { ...config, dataDir }, now: () => now });
  for (const [i, day] of DAYS.entries()) {
    now = new Date(`${day}T12:00:00.000Z`);
    for (const d of drafts(3, { prefix: day, at: now })) await store.append({ ...d, member: MEMBERS[i]!, source: 'Office Portal' });
  }
  await engine.close();
  await store.close();
  return dataDir;
}

async function found(engine: Awaited<ReturnType<typeof createSearchEngine>>, q = 'Quill'): Promise<{ total: number; members: string[] }> {
  const page = await engine.search({ q, limit: 100 });
  return { total: page.total, members: [...new Set(page.entries.map((e) => e.member))].sort() };
}

it('a restart with a saved index that still holds pruned entries rebuilds it without them, and the next restart reads it back', async () => {
  const dataDir = await indexedLog();
  const now = () => new Date('2026-01-13T08:00:00.000Z');
  for (let restart = 0; restart < 2; restart++) {
    const store = await openStore(dataDir, { retentionDays: 10, now });
    const engine = await createSearchEngine({ store, config: { ...config, dataDir }, now });
    expect(await found(engine)).toEqual({ total: 6, members: ['Kept Quill', 'Newest Quill'] });
    expect(await found(engine, 'Oldest')).toMatchObject({ total: 0 });
    expect((await engine.recordHistory('student', 'none')).length).toBe(0);
    await engine.close();
    await store.close();
  }
});

it('a running engine stops finding entries that the daily pruning removed', async () => {
  const dataDir = await indexedLog();
  let now = new Date('2026-01-12T08:00:00.000Z');
  // The daily check, every 20 ms here: the injected clock decides what has aged.
  const store = await openStore(dataDir, { retentionDays: 10, retentionCheckMs: 20, now: () => now });
  const engine = await createSearchEngine({ store, config: { ...config, dataDir }, now: () => now });
  // On 2026-01-12 only 2026-01-01 is past ten days.
  expect(await found(engine)).toEqual({ total: 9, members: ['Kept Quill', 'Newest Quill', 'Older Quill'] });

  now = new Date('2026-01-14T08:00:00.000Z');
  await expect.poll(() => store.notices.length, { message: 'the next daily check prunes' }).toBeGreaterThanOrEqual(2);
  expect(store.notices[1]).toMatch(/removed 2 day segment\(s\) with 6 entries through 2026-01-03; the log now starts at entry 10/);
  expect(await found(engine)).toEqual({ total: 3, members: ['Newest Quill'] });
  const appended = await store.append({ ...drafts(1, { at: now })[0]!, member: 'Later Quill', source: 'Office Portal' });
  // Each pruning recorded itself as an entry (13 and 14).
  expect(appended.seq).toBe(15);
  expect(await found(engine)).toEqual({ total: 4, members: ['Later Quill', 'Newest Quill'] });
  await engine.close();
  await store.close();
});
