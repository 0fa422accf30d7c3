import type { PoolClient } from 'pg';
import { GENESIS_HASH } from '../../../shared/entry.ts';
import { singleRow } from './single-row.ts';

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
    name: 'entries partitioned by month, Merkle leaves, signed checkpoints and retention',
    sql: `
      -- Creates the month partition holding \`at\` unless it exists: writers call it, under the chain
      -- head lock, before inserting a batch.
      CREATE FUNCTION portal_audit_month(at timestamptz) RETURNS void LANGUAGE plpgsql AS $fn$
      DECLARE
        start timestamptz := date_trunc('month', at, 'UTC');
        name text := 'entries_' || to_char(start AT TIME ZONE 'UTC', 'YYYY_MM');
      BEGIN
        IF to_regclass(name) IS NULL THEN
          EXECUTE format('CREATE TABLE %I PARTITION OF entries FOR VALUES FROM (%L) TO (%L)', name, start, start + interval '1 month');
        END IF;
      END $fn$;
      ALTER TABLE entries RENAME TO entries_v1;
      DROP INDEX entries_at, entries_username, entries_source, entries_verb, entries_request, entries_records;
      -- Retention drops whole months. Keys must hold the partition key, so seq and id are unique with at;
      -- the chain head lock is what keeps seq unique across writers.
      CREATE TABLE entries (
        seq bigint NOT NULL,
        id text NOT NULL,
        at timestamptz NOT NULL,
        request_id text NOT NULL,
        username text,
        source text NOT NULL,
        verb text NOT NULL,
        line text NOT NULL,
        entry jsonb NOT NULL,
        PRIMARY KEY (seq, at),
        UNIQUE (id, at)
      ) PARTITION BY RANGE (at);
      SELECT portal_audit_month(m) FROM (SELECT DISTINCT date_trunc('month', at, 'UTC') AS m FROM entries_v1) AS months;
      INSERT INTO entries SELECT seq, id, at, request_id, username, source, verb, line, entry FROM entries_v1;
      DROP TABLE entries_v1;
      CREATE INDEX entries_at ON entries (at);
      CREATE INDEX entries_username ON entries (username, at);
      CREATE INDEX entries_source ON entries (source, at);
      CREATE INDEX entries_verb ON entries (verb, at);
      CREATE INDEX entries_request ON entries (request_id);
      CREATE INDEX entries_records ON entries USING gin ((entry -> 'records') jsonb_path_ops);
      -- sha256(0x00 || line) of every entry ever appended: retention removes entries, never leaves,
      -- so the tree and its signed roots can still be checked after a removal.
      CREATE TABLE merkle_leaves (seq bigint PRIMARY KEY, hash bytea NOT NULL);
      INSERT INTO merkle_leaves SELECT seq, sha256('\\x00'::bytea || convert_to(line, 'UTF8')) FROM entries;
      -- The log's public key (name+keyid+base64), set by the first writer that signs; every replica must sign with it.
      CREATE TABLE log_key (one boolean PRIMARY KEY DEFAULT true CHECK (one), verifier_key text NOT NULL);
      -- The newest signed checkpoint (C2SP note), shared by every replica.
      CREATE TABLE log_checkpoint (one boolean PRIMARY KEY DEFAULT true CHECK (one), size bigint NOT NULL, text text NOT NULL);
      -- Where retention last cut the log (the JSON store's retention.json).
      CREATE TABLE log_retention (one boolean PRIMARY KEY DEFAULT true CHECK (one), checkpoint jsonb NOT NULL);
    `,
  },
  {
    version: 3,
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
  {
    version: 4,
    name: 'the latest a renewal may take a learned session to',
    sql: `
      -- Milliseconds since the epoch: the login's sessionHours; a session's own shorter lifetime is expires_at. NULL for
      -- sessions learned before: expires_at is their end.
      ALTER TABLE sessions ADD COLUMN ends_at bigint;
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
  if (!singleRow(rows, 'to_regclass').exists) return 0;
  const max = await client.query<{ v: number | null }>('SELECT max(version) AS v FROM schema_migrations');
  return singleRow(max.rows, 'max(version)').v ?? 0;
}
