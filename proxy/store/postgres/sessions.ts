import { createHash } from 'node:crypto';
import type pg from 'pg';
import type { SessionBook } from '../../capture/flow.ts';
import { secondsAfter, sessionLifetime } from '../session-lifetime.ts';

/** A credential is a secret (whoever holds it is logged in), so only its hash is written. */
const digest = (credential: string): string => createHash('sha256').update(credential).digest('hex');

/**
 * The sessions capture learned from logins, in the database every replica shares: a login seen by
 * one replica identifies the user on all of them, and a logout seen by one ends the session on all.
 * Nothing is cached, so no replica goes on believing a session another one forgot.
 */
export function createPostgresSessionBook(pool: pg.Pool, now: () => number = () => Date.now()): SessionBook {
  return {
    async lookup(credential) {
      const { rows } = await pool.query<{ username: string }>('SELECT username FROM sessions WHERE credential = $1 AND expires_at > $2', [digest(credential), now()]);
      return rows[0]?.username ?? null;
    },
    async remember(credentials, username, hours, seconds) {
      const at = now();
      const { expiresAt, endsAt } = sessionLifetime(at, hours, seconds);
      // Expired sessions are dropped here so the table does not grow forever.
      await pool.query('DELETE FROM sessions WHERE expires_at <= $1', [at]);
      await pool.query(
        `INSERT INTO sessions (credential, username, expires_at, ends_at) SELECT unnest($1::text[]), $2, $3, $4
         ON CONFLICT (credential) DO UPDATE SET username = EXCLUDED.username, expires_at = EXCLUDED.expires_at, ends_at = EXCLUDED.ends_at`,
        [credentials.map(digest), username, expiresAt, endsAt],
      );
    },
    async follow(current, next, seconds) {
      // Without a lifetime of its own the renewal ends with `current`; with one, for that long, never past the login's end.
      const at = now();
      await pool.query(
        `INSERT INTO sessions (credential, username, expires_at, ends_at)
         SELECT unnest($2::text[]), username, CASE WHEN $4::bigint IS NULL THEN expires_at ELSE LEAST(COALESCE(ends_at, expires_at), $4::bigint) END, COALESCE(ends_at, expires_at)
         FROM sessions WHERE credential = $1 AND expires_at > $3
         ON CONFLICT (credential) DO UPDATE SET username = EXCLUDED.username, expires_at = EXCLUDED.expires_at, ends_at = EXCLUDED.ends_at`,
        [digest(current), next.map(digest), at, seconds === undefined ? null : secondsAfter(at, seconds)],
      );
    },
    async forget(credentials) {
      await pool.query('DELETE FROM sessions WHERE credential = ANY($1::text[])', [credentials.map(digest)]);
    },
  };
}
