import type { PoolClient } from 'pg';
import { GENESIS_HASH } from '../../../shared/entry.ts';

/** Advisory-lock namespace of Portal Audit ("PAUD"); the second key says what is locked. */
export const LOCK_NAMESPACE = 0x50415544;
/** The second key of the lock that lets one process at a time migrate. */
const MIGRATE_LOCK = 0;

/**
 * The schema, one version per step, never edited once released: a new need is a new version. Each
 * runs in the transaction that records it in schema_migrations, so a step is applied whole or not at all.
 */
export const MIGRATIONS: ReadonlyArray<{ version: number; name: string; sql: string }> = [
  {
    version: 1,
    name: 'entries, intents and the chain head',
    sql: `
      CREATE TABLE entries (
        seq bigint PRIMARY KEY,
        id text NOT NULL UNIQUE,
        at timestamptz NOT NULL,
        request_id text NOT NULL,
        username text,
        source text NOT NULL,
        verb text NOT NULL,
        -- The entry's stored form (RFC 8785 canonical JSON): what verify and the chain hash.
        line text NOT NULL,
        -- A copy for queries; jsonb cannot hold U+0000, which this copy reads as U+FFFD.
        entry jsonb NOT NULL
      );
      CREATE INDEX entries_at ON entries (at);
      CREATE INDEX entries_username ON entries (username, at);
      CREATE INDEX entries_source ON entries (source, at);
      CREATE INDEX entries_verb ON entries (verb, at);
      CREATE INDEX entries_request ON entries (request_id);
      CREATE INDEX entries_records ON entries USING gin ((entry -> 'records') jsonb_path_ops);
      CREATE TABLE intents (
        request_id text PRIMARY KEY,
        -- The writer that noted it; its advisory lock tells whether it is still alive.
        owner integer NOT NULL,
        head bigint NOT NULL,
        draft text NOT NULL,
        noted_at timestamptz NOT NULL DEFAULT now()
      );
      CREATE INDEX intents_owner ON intents (owner);
      CREATE TABLE chain_head (
        one boolean PRIMARY KEY DEFAULT true CHECK (one),
        seq bigint NOT NULL,
        hash text NOT NULL
      );
      INSERT INTO chain_head (seq, hash) VALUES (0, '${GENESIS_HASH}');
    `,
  },
  {
    version: 2,
    name: 'sessions learned from logins and admin tokens, shared by every replica',
    sql: `
      CREATE TABLE sessions (
        -- sha256 hex of the credential (session cookie or bearer token): a copy of the table lets nobody in.
        credential text PRIMARY KEY,
        username text NOT NULL,
        -- Milliseconds since the epoch, by the proxy's clock (the one that decided the session's hours).
        expires_at bigint NOT NULL
      );
      CREATE INDEX sessions_expires ON sessions (expires_at);
      CREATE TABLE admin_tokens (
        name text PRIMARY KEY,
        role text NOT NULL CHECK (role IN ('admin', 'auditor')),
        -- sha256 hex of the bearer token; the token itself is never stored.
        hash text NOT NULL UNIQUE,
        created timestamptz NOT NULL DEFAULT now(),
        last_used timestamptz
      );
    `,
  },
];

/** Applies the versions the database lacks; idempotent, and safe when several processes start at once. */
export async function migrate(client: PoolClient): Promise<number[]> {
  await client.query('BEGIN');
  try {
    await client.query('SELECT pg_advisory_xact_lock($1, $2)', [LOCK_NAMESPACE, MIGRATE_LOCK]);
    await client.query('CREATE TABLE IF NOT EXISTS schema_migrations (version integer PRIMARY KEY, name text NOT NULL, applied_at timestamptz NOT NULL DEFAULT now())');
    const { rows } = await client.query<{ version: number }>('SELECT version FROM schema_migrations');
    const done = new Set(rows.map((r) => r.version));
    const applied: number[] = [];
    for (const step of MIGRATIONS) {
      if (done.has(step.version)) continue;
      await client.query(step.sql);
      await client.query('INSERT INTO schema_migrations (version, name) VALUES ($1, $2)', [step.version, step.name]);
      applied.push(step.version);
    }
    await client.query('COMMIT');
    return applied;
  } catch (err) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw err;
  }
}

/** Readers never migrate: they only check that a writer has created the schema this version reads. */
export async function schemaVersion(client: PoolClient): Promise<number> {
  const { rows } = await client.query<{ exists: boolean }>("SELECT to_regclass('schema_migrations') IS NOT NULL AS exists");
  if (!rows[0]!.exists) return 0;
  const max = await client.query<{ v: number | null }>('SELECT max(version) AS v FROM schema_migrations');
  return max.rows[0]!.v ?? 0;
}
