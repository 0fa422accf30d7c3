import type pg from 'pg';
import { leafHashOf } from '../merkle/tree.ts';
import type { StoredEntry } from '../store.ts';

/** Text columns cannot hold U+0000; the query columns and the jsonb copy read it as U+FFFD (the line keeps it). */
export const queryText = (text: string) => text.replaceAll('\0', '\uFFFD');

/**
 * Inserts entries with their stored lines, the query columns beside them, and their Merkle leaves,
 * in the caller's transaction (which holds the chain head lock). Each month's partition is made
 * first when it is new.
 */
export async function insertEntries(client: pg.PoolClient, rows: readonly StoredEntry[]): Promise<void> {
  if (rows.length === 0) return;
  const e = rows.map((r) => r.entry);
  const months = [...new Set(e.map((x) => new Date(x.at).toISOString().slice(0, 7)))].map((month) => `${month}-01T00:00:00Z`);
  await client.query('SELECT portal_audit_month(m) FROM unnest($1::timestamptz[]) AS m', [months]);
  await client.query(
    `INSERT INTO entries (seq, id, at, request_id, username, source, verb, line, entry)
     SELECT * FROM unnest($1::bigint[], $2::text[], $3::timestamptz[], $4::text[], $5::text[], $6::text[], $7::text[], $8::text[], $9::jsonb[])`,
    [
      e.map((x) => x.seq),
      e.map((x) => x.id),
      e.map((x) => x.at),
      e.map((x) => queryText(x.requestId)),
      e.map((x) => (x.username === null ? null : queryText(x.username))),
      e.map((x) => queryText(x.source)),
      e.map((x) => queryText(x.verb)),
      rows.map((r) => r.line),
      rows.map((r) => r.line.replaceAll('\\u0000', '\\ufffd')),
    ],
  );
  await client.query('INSERT INTO merkle_leaves (seq, hash) SELECT * FROM unnest($1::bigint[], $2::bytea[])', [e.map((x) => x.seq), rows.map((r) => leafHashOf(r.line))]);
}
