import type pg from 'pg';
import type { EntryDraft } from '../../../shared/entry.ts';
import type { Intent } from '../json/intent-journal.ts';
import { unfinishedRequests } from '../json/recovery.ts';
import { LOCK_NAMESPACE } from './migrations.ts';
import { singleRow } from './single-row.ts';

export interface DeadWriterOptions {
  pool: pg.Pool;
  /** The connection that holds this writer's own advisory lock; the dead writer's lock is taken on it too. */
  lockClient: () => pg.PoolClient;
  /** This writer's owner key. */
  self: () => number;
  now: () => Date;
  onNotice: (message: string) => void;
  /** Appends the drafts as entries and deletes the dead writer's intents, in one transaction; resolves with how many entries. */
  log: (dead: number, drafts: EntryDraft[]) => Promise<number>;
  /** How often a running writer looks again. */
  intervalMs: number;
}

/**
 * Logs the intents of writers that died (their advisory lock is free) as entries with outcome unknown:
 * at open, and then every `intervalMs`, so a replica killed under load has its in-flight requests
 * logged by the survivors without waiting for its restart. One run at a time.
 */
export function createDeadWriterRecovery({ pool, lockClient, self, now, onNotice, log, intervalMs }: DeadWriterOptions) {
  let timer: NodeJS.Timeout | null = null;
  let running: Promise<void> | null = null;

  async function recoverOne(dead: number): Promise<void> {
    const lock = await lockClient().query<{ ok: boolean }>('SELECT pg_try_advisory_lock($1, $2) AS ok', [LOCK_NAMESPACE, dead]);
    if (!singleRow(lock.rows, 'pg_try_advisory_lock').ok) return; // alive, or another writer is recovering it
    try {
      const found = await pool.query<{ request_id: string; head: string; draft: string }>('SELECT request_id, head, draft FROM intents WHERE owner = $1', [dead]);
      const intents = new Map<string, Intent>();
      for (const row of found.rows) intents.set(row.request_id, { draft: JSON.parse(row.draft) as EntryDraft, head: Number(row.head) });
      // An entry and the removal of its intent commit together, so no entry settles an intent left here.
      const { drafts, invalid, dropped } = await unfinishedRequests(intents, async function* () {}, now);
      if (dropped.length > 0) onNotice(`Dropped ${dropped.length} intent(s) whose request id cannot be logged: ${dropped.join(' ').slice(0, 2000)}`);
      if (invalid > 0) onNotice(`${invalid} unfinished request(s) had an intent that failed validation; each is logged as unknown with what could be read of it`);
      const logged = await log(dead, [...drafts.values()]);
      if (logged > 0) onNotice(`Recovered ${logged} request(s) a stopped proxy was forwarding (outcome unknown)`);
    } finally {
      await lockClient().query('SELECT pg_advisory_unlock($1, $2)', [LOCK_NAMESPACE, dead]);
    }
  }

  async function recoverAll(): Promise<void> {
    const { rows } = await pool.query<{ owner: number }>('SELECT DISTINCT owner FROM intents WHERE owner <> $1', [self()]);
    for (const { owner } of rows) await recoverOne(owner);
  }

  function run(): Promise<void> {
    running ??= recoverAll().finally(() => (running = null));
    return running;
  }

  return {
    /** Recovers now; rejects when the database does. */
    run,
    /** Recovers again every `intervalMs` until `stop`. */
    start() {
      timer = setInterval(() => void run().catch((err: unknown) => onNotice(`Could not log the unfinished requests of a stopped proxy: ${(err as Error).message}`)), intervalMs).unref();
    },
    async stop() {
      if (timer) clearInterval(timer);
      await running?.catch(() => undefined);
    },
  };
}
