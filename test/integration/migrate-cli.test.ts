import { afterEach, describe, expect, it } from 'vitest';
import { createStore, type DriverStore } from '../../proxy/store/create-store.ts';
import { verifyLog } from '../../proxy/store/verify.ts';
import { postgresReachable, scratchDatabase } from '../helpers/postgres.ts';
import { runCli } from '../helpers/run-cli.ts';
import { allEntries, drafts, logOverDays, openStore, scratchDataDir } from '../helpers/temp-store.ts';

const cleanup: Array<() => Promise<void>> = [];
afterEach(async () => {
  for (const step of cleanup.splice(0).reverse()) await step();
});

/** A fresh data folder and a fresh database, both gone after the test. */
async function scratch(): Promise<{ dataDir: string; url: string }> {
  const dataDir = await scratchDataDir();
  const db = await scratchDatabase();
  cleanup.push(() => db.drop());
  return { dataDir, url: db.url };
}

/** Both sides of the copy, opened read-only as `verify` would open them. */
async function bothSides(dataDir: string, url: string): Promise<{ source: DriverStore; target: DriverStore }> {
  const source = createStore({ dataDir }, { readOnly: true, onNotice: () => undefined });
  const target = createStore({ dataDir, store: { driver: 'postgres', url } }, { readOnly: true });
  await source.open();
  await target.open();
  cleanup.push(
    () => source.close(),
    () => target.close(),
  );
  return { source, target };
}

describe.runIf(await postgresReachable())('portal-audit migrate --from json --to postgres', () => {
  it('copies the log keeping ids, seq and hashes, resumes after what it copied, and verify passes on both sides', async () => {
    const { dataDir, url } = await scratch();
    const json = await openStore(dataDir);
    for (const d of drafts(25)) await json.append(d);
    await json.close();
    const args = ['migrate', '--from', 'json', '--to', 'postgres', '--url', url, '--data-dir', dataDir];

    const first = await runCli(dataDir, ...args);
    expect(first.stdout).toContain('25 entries copied (seq 1–25)');
    expect(first.code).toBe(0);

    const more = await openStore(dataDir);
    for (const d of drafts(5, { prefix: 'more' })) await more.append(d);
    await more.close();
    const second = await runCli(dataDir, ...args);
    expect(second.stdout).toContain('5 entries copied (seq 26–30)');
    expect((await runCli(dataDir, ...args)).stdout).toContain('Nothing to copy: the database is up to date');

    const { source, target } = await bothSides(dataDir, url);
    expect(await allEntries(target)).toEqual(await allEntries(source));
    expect(await verifyLog(target)).toMatchObject({ ok: true, checked: 30 });
    expect((await verifyLog(target)).fingerprint).toBe((await verifyLog(source)).fingerprint);
  }, 120_000);

  it("copies a log that retention cut: the cut, the removed entries' Merkle leaves, the key and the signed checkpoint come along, and verify passes on both sides", async () => {
    const { dataDir, url } = await scratch();
    await logOverDays(dataDir, ['2026-01-01', '2026-01-02', '2026-01-03'], { perDay: 3 });
    // One day kept from 01-03: the segment of 01-01 goes, and entry 10 records it.
    const pruning = await openStore(dataDir, { retentionDays: 1, now: () => new Date('2026-01-03T13:00:00.000Z') });
    expect(pruning.retention()).toMatchObject({ firstKeptSeq: 4, entrySeq: 10 });
    await pruning.close();

    const run = await runCli(dataDir, 'migrate', '--from', 'json', '--to', 'postgres', '--url', url, '--data-dir', dataDir);
    expect(run.stdout).toContain('7 entries copied (seq 4–10)');
    expect(run.code).toBe(0);

    const { source, target } = await bothSides(dataDir, url);
    expect(target.retention()).toEqual(source.retention());
    expect(await allEntries(target)).toEqual(await allEntries(source));
    const there = await verifyLog(target, { trust: await target.trust() });
    const here = await verifyLog(source, { trust: await source.trust() });
    expect(there).toMatchObject({ ok: true, checked: 7, retention: { firstSeq: 4 }, signed: { size: 10 } });
    expect(there).toEqual(here);
  }, 120_000);

  it('refuses to copy into a database that holds another log', async () => {
    const { dataDir, url } = await scratch();
    const json = await openStore(dataDir);
    for (const d of drafts(3)) await json.append(d);
    await json.close();
    const other = createStore({ dataDir, store: { driver: 'postgres', url: url } }, { onNotice: () => undefined });
    await other.open();
    await other.append(drafts(1, { prefix: 'other' })[0]!);
    await other.close();
    const run = await runCli(dataDir, 'migrate', '--from', 'json', '--to', 'postgres', '--url', url, '--data-dir', dataDir);
    expect(run.stdout).toContain('The database holds another log: its entry 1 is not entry 1 of');
    expect(run.code).toBe(1);
  }, 60_000);
});
