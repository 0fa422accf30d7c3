import type pg from 'pg';
import type { Entry, EntryDraft } from '../../../shared/entry.ts';
import type { Transparency } from '../merkle/tree-log.ts';
import { checkedCut, oldestKeptDay, retentionDraft, retentionStatement, type RetentionFacts } from '../retention-statement.ts';
import { RetentionCheckpointSchema, type RetentionCheckpoint } from '../store.ts';
import { CorruptLogError } from '../errors.ts';
import { removalSigner } from '../retention-proof.ts';
import { LOCK_NAMESPACE } from './migrations.ts';
import { singleRow } from './single-row.ts';

/** The second advisory-lock key: one replica at a time removes old months. */
const RETENTION_LOCK = 1;
const PARTITION = /^entries_(\d{4})_(\d{2})$/;

/** Where retention last cut the log, read strictly: a malformed row is a finding, never ignored. */
export async function readCut(pool: pg.Pool): Promise<RetentionCheckpoint | null> {
  const { rows } = await pool.query<{ checkpoint: unknown }>('SELECT checkpoint FROM log_retention');
  const [row] = rows;
  if (!row) return null;
  const parsed = RetentionCheckpointSchema.safeParse(row.checkpoint);
  if (!parsed.success) throw new CorruptLogError('log_retention', `the retention checkpoint is malformed (${parsed.error.issues[0]?.message ?? parsed.error.message})`);
  return parsed.data;
}

/** Records where retention cut the log, in the caller's transaction. */
export async function writeCut(client: pg.PoolClient, cut: RetentionCheckpoint): Promise<void> {
  await client.query('INSERT INTO log_retention (checkpoint) VALUES ($1) ON CONFLICT (one) DO UPDATE SET checkpoint = EXCLUDED.checkpoint', [JSON.stringify(cut)]);
}

/** The month partitions of entries, oldest first, by the first day of their month (YYYY-MM-01). */
async function monthPartitions(client: pg.PoolClient): Promise<Array<{ name: string; month: string }>> {
  const { rows } = await client.query<{ name: string }>("SELECT c.relname AS name FROM pg_inherits i JOIN pg_class c ON c.oid = i.inhrelid WHERE i.inhparent = 'entries'::regclass");
  return rows
    .flatMap(({ name }) => {
      const m = PARTITION.exec(name);
      return m ? [{ name, month: `${m[1]}-${m[2]}-01` }] : [];
    })
    .sort((a, b) => a.month.localeCompare(b.month));
}

const nextMonth = (month: string) => {
  const d = new Date(`${month}T00:00:00Z`);
  d.setUTCMonth(d.getUTCMonth() + 1);
  return d.toISOString().slice(0, 10);
};

export interface PruneInput {
  pool: pg.Pool;
  retentionDays: number;
  now: Date;
  getMany: (seqs: readonly number[]) => Promise<Entry[]>;
  /** Appends the entry that records the removal, before anything is removed. */
  record: (draft: EntryDraft) => Promise<Entry>;
  /** Signs the checkpoint that proves the removal; without one nothing is removed. */
  tree: Transparency | null;
  /** Told what was removed, or why nothing could be. */
  onNotice: (message: string) => void;
}

/**
 * Drops the month partitions whose every day is older than the retention period, never the newest
 * month. Entries 1…K go, K being the entry before the oldest one kept, so the log stays a gap-free
 * run from K+1; an entry ≤ K that sits in a kept month (appended with an older time) is deleted with
 * them. As with the JSON store the removal is first recorded as an entry and signed in a checkpoint
 * that states what goes and that it is due; the cut and the drops then commit in one transaction.
 */
export async function pruneMonths(input: PruneInput): Promise<RetentionCheckpoint | null> {
  try {
    const pruned = await removeMonths(input);
    if (pruned) {
      const { cut, dropped, removed } = pruned;
      input.onNotice(`Retention (${input.retentionDays} days) removed ${dropped} month(s) with ${removed} entries through ${cut.prunedThrough}; the log now starts at entry ${cut.firstKeptSeq}`);
    }
    return pruned?.cut ?? null;
  } catch (err) {
    input.onNotice(`Retention could not remove old entries: ${(err as Error).message}`);
    return null;
  }
}

async function removeMonths({ pool, retentionDays, now, getMany, record, tree }: PruneInput): Promise<{ cut: RetentionCheckpoint; dropped: number; removed: number } | null> {
  const client = await pool.connect();
  try {
    const locked = await client.query<{ ok: boolean }>('SELECT pg_try_advisory_lock($1, $2) AS ok', [LOCK_NAMESPACE, RETENTION_LOCK]);
    if (!singleRow(locked.rows, 'pg_try_advisory_lock').ok) return null; // another replica is removing them
    try {
      const keepFrom = oldestKeptDay(now, retentionDays);
      const months = await monthPartitions(client);
      const expired = months.slice(0, -1).filter((p) => nextMonth(p.month) <= keepFrom);
      const newestExpired = expired.at(-1);
      if (!newestExpired) return null;
      const boundary = nextMonth(newestExpired.month);
      const kept = await client.query<{ first: string | null }>('SELECT min(seq) AS first FROM entries WHERE at >= $1', [`${boundary}T00:00:00Z`]);
      const previous = await readCut(pool);
      const { first } = singleRow(kept.rows, 'min(seq)');
      const lastSeq = first === null ? null : Number(first) - 1;
      if (lastSeq === null || lastSeq <= (previous?.lastRemoved.seq ?? 0)) return null;
      const signer = removalSigner(tree);
      const lastDay = new Date(Date.parse(`${boundary}T00:00:00Z`) - 86_400_000).toISOString().slice(0, 10);
      const facts: RetentionFacts = { lastRemoved: await checkedCut(getMany, lastSeq), prunedThrough: lastDay, retentionDays, prunedAt: now.toISOString() };
      // Recorded and signed before anything goes: a crash before the commit leaves only an entry the next run repeats.
      const entry = await record(retentionDraft(facts));
      const signed = await signer.sign([`${retentionStatement(facts)} entry ${entry.seq}`]);
      const cut: RetentionCheckpoint = { ...facts, firstKeptSeq: lastSeq + 1, entrySeq: entry.seq, checkpoint: signed.text };
      await client.query('BEGIN');
      await writeCut(client, cut);
      let dropped = 0;
      for (const { name } of expired) {
        const newest = await client.query<{ seq: string | null }>(`SELECT max(seq) AS seq FROM ${client.escapeIdentifier(name)}`);
        const { seq } = singleRow(newest.rows, 'max(seq)');
        if (seq !== null && Number(seq) > lastSeq) continue; // holds kept entries
        await client.query(`DROP TABLE ${client.escapeIdentifier(name)}`);
        dropped++;
      }
      await client.query('DELETE FROM entries WHERE seq <= $1', [lastSeq]);
      await client.query('COMMIT');
      return { cut, dropped, removed: lastSeq - (previous?.lastRemoved.seq ?? 0) };
    } catch (err) {
      await client.query('ROLLBACK').catch(() => undefined);
      throw err;
    } finally {
      await client.query('SELECT pg_advisory_unlock($1, $2)', [LOCK_NAMESPACE, RETENTION_LOCK]);
    }
  } finally {
    client.release();
  }
}
