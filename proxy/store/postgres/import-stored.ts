import type pg from 'pg';
import type { ChainHead, RetentionCheckpoint, StoredEntry } from '../store.ts';
import { insertEntries } from './entries-sql.ts';
import { writeCut } from './retention.ts';
import { singleRow } from './single-row.ts';

/** What `portal-audit migrate` brings along besides entries when the source log was cut by retention or signs checkpoints. */
export interface ImportedTrust {
  /** Where retention cut the source log, or null. */
  cut: RetentionCheckpoint | null;
  /** The source's saved Merkle leaves (32 bytes each) of at least the removed entries. */
  leaves: Buffer | null;
  /** The source log's verifier key: the database's replicas must sign with it. */
  verifierKey: string | null;
}

/** Runs `work` holding the chain head lock, with the head as it is; commits, or rolls back on a throw. */
async function underHead<T>(pool: pg.Pool, work: (client: pg.PoolClient, head: ChainHead) => Promise<T>): Promise<T> {
  const client = await pool.connect();
  try {
    await client.query('BEGIN');
    const locked = await client.query<{ seq: string; hash: string }>('SELECT seq, hash FROM chain_head FOR UPDATE');
    const head = singleRow(locked.rows, 'SELECT FROM chain_head');
    const out = await work(client, { seq: Number(head.seq), hash: head.hash });
    await client.query('COMMIT');
    return out;
  } catch (err) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw err;
  } finally {
    client.release();
  }
}

/** Copies entries as they are after the database's newest; each must follow the one before (seq and prevHash), else nothing is copied. */
export function importStored(pool: pg.Pool, stored: readonly StoredEntry[]): Promise<ChainHead> {
  return underHead(pool, async (client, head) => {
    let prev = head;
    for (const { entry } of stored) {
      if (entry.seq !== prev.seq + 1 || entry.prevHash !== prev.hash) throw new Error(`entry ${entry.seq} does not follow entry ${prev.seq} of the database (seq or prevHash differ): not copied`);
      prev = { seq: entry.seq, hash: entry.hash };
    }
    if (stored.length > 0) {
      await insertEntries(client, stored);
      await client.query('UPDATE chain_head SET seq = $1, hash = $2', [prev.seq, prev.hash]);
    }
    return prev;
  });
}

/**
 * Before the first entry is copied: records the source's key and, when retention cut the source,
 * its cut, the leaves of the removed entries and a head at the last removed entry, all in one
 * transaction, so the next copied entry follows on and verify can check the removal. A database
 * that holds entries already is left as it is (a resumed copy).
 */
export function importTrust(pool: pg.Pool, { cut, leaves, verifierKey }: ImportedTrust): Promise<ChainHead> {
  return underHead(pool, async (client, head) => {
    if (verifierKey) await client.query('INSERT INTO log_key (verifier_key) VALUES ($1) ON CONFLICT (one) DO NOTHING', [verifierKey]);
    if (head.seq > 0 || !cut) return head;
    const removed = cut.lastRemoved.seq;
    if (!leaves || leaves.length < removed * 32)
      throw new Error(`the saved Merkle leaves (tree-leaves.bin) lack the ${removed} entries retention removed, so the removal could not be checked in the database: nothing copied`);
    const seqs = Array.from({ length: removed }, (_, i) => i + 1);
    for (let i = 0; i < removed; i += 10_000) {
      const page = seqs.slice(i, i + 10_000);
      await client.query('INSERT INTO merkle_leaves (seq, hash) SELECT * FROM unnest($1::bigint[], $2::bytea[])', [page, page.map((seq) => leaves.subarray((seq - 1) * 32, seq * 32))]);
    }
    await writeCut(client, cut);
    await client.query('UPDATE chain_head SET seq = $1, hash = $2', [removed, cut.lastRemoved.hash]);
    return { ...cut.lastRemoved };
  });
}

/** Records a checkpoint the source signed, once the database holds every entry it covers and has no newer one. */
export async function importCheckpoint(pool: pg.Pool, text: string): Promise<boolean> {
  const size = Number(text.split('\n')[1]);
  const { rowCount } = await pool.query(
    `INSERT INTO log_checkpoint (size, text) SELECT $1, $2 WHERE (SELECT seq FROM chain_head) >= $1
     ON CONFLICT (one) DO UPDATE SET size = EXCLUDED.size, text = EXCLUDED.text WHERE log_checkpoint.size <= EXCLUDED.size`,
    [size, text],
  );
  return (rowCount ?? 0) > 0;
}
