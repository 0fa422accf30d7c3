import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { afterEach, describe, expect, it } from 'vitest';
import { createStore, type DriverStore } from '../../proxy/store/create-store.ts';
import { MIGRATIONS } from '../../proxy/store/postgres/migrations.ts';
import { verifyLog } from '../../proxy/store/verify.ts';
import { postgresReachable, scratchDatabase } from '../helpers/postgres.ts';
import { killWhenReady } from '../helpers/kill-when-ready.ts';
import { allEntries, drafts } from '../helpers/temp-store.ts';

const crashWriter = fileURLToPath(new URL('../helpers/pg-crash-writer.ts', import.meta.url));
const cleanup: Array<() => Promise<void>> = [];
afterEach(async () => {
  for (const step of cleanup.splice(0).reverse()) await step();
});

async function database(): Promise<string> {
  const db = await scratchDatabase();
  cleanup.push(() => db.drop());
  return db.url;
}

function store(url: string, options: { readOnly?: boolean; notices?: string[] } = {}): DriverStore {
  const s = createStore({ dataDir: '/nonexistent', store: { driver: 'postgres', url } }, { readOnly: options.readOnly, onNotice: (m) => options.notices?.push(m) });
  cleanup.push(() => s.close().catch(() => undefined));
  return s;
}

async function query<T extends pg.QueryResultRow>(url: string, sql: string): Promise<T[]> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query<T>(sql)).rows;
  } finally {
    await client.end();
  }
}

describe.runIf(await postgresReachable())('postgres driver', () => {
  it('migrations run once at open, also when several writers start at once on an empty database', async () => {
    const url = await database();
    await Promise.all([store(url).open(), store(url).open(), store(url).open()]);
    await store(url).open();
    const rows = await query<{ version: number }>(url, 'SELECT version FROM schema_migrations ORDER BY version');
    expect(rows.map((r) => r.version)).toEqual(MIGRATIONS.map((m) => m.version));
  });

  it('a reader never migrates: on an empty database it says there is no log yet', async () => {
    const url = await database();
    await expect(store(url, { readOnly: true }).open()).rejects.toThrow('the database holds no Portal Audit log yet (start the proxy on it once)');
    expect(await query(url, "SELECT 1 FROM pg_tables WHERE tablename = 'entries'")).toEqual([]);
  });

  it('keeps an entry holding U+0000 byte for byte (the chain hashes the stored line, not the jsonb copy)', async () => {
    const url = await database();
    const writer = store(url);
    await writer.open();
    const [draft] = drafts(1);
    const entry = await writer.append({ ...draft!, action: 'Renamed a\u0000b', username: 'x\u0000y' });
    expect((await allEntries(writer))[0]).toEqual(entry);
    expect(entry.action).toBe('Renamed a\u0000b');
    expect((await verifyLog(writer)).ok).toBe(true);
  });

  it('after SIGKILL of a writer, the next writer logs its unfinished requests once each as unknown, while a live writer keeps its own', async () => {
    const url = await database();
    const live = store(url);
    await live.open();
    const [liveIntent] = drafts(1, { prefix: 'live' });
    await live.intend(liveIntent!);

    await killWhenReady(crashWriter, [url, 5, 2]);

    const notices: string[] = [];
    // The server notices the killed connection and drops its advisory lock; the next writer to open recovers.
    await expect
      .poll(
        async () => {
          const next = store(url, { notices });
          await next.open();
          await next.close();
          return (await allEntries(live)).filter((e) => e.outcome === 'unknown').length;
        },
        { timeout: 20_000, interval: 500 },
      )
      .toBe(3);
    const entries = await allEntries(live);
    expect(entries.map((e) => e.requestId).sort()).toEqual(['crash-0', 'crash-1', 'crash-2', 'crash-3', 'crash-4']);
    expect(
      entries
        .filter((e) => e.outcome === 'unknown')
        .map((e) => e.requestId)
        .sort(),
    ).toEqual(['crash-2', 'crash-3', 'crash-4']);
    expect(notices).toContain('Recovered 3 request(s) a stopped proxy was forwarding (outcome unknown)');
    // The live writer's intent is its own to settle: nobody turned it into an entry.
    await live.append(liveIntent!);
    expect((await allEntries(live)).filter((e) => e.requestId === liveIntent!.requestId)).toHaveLength(1);
    expect((await verifyLog(live)).ok).toBe(true);
  });
});
