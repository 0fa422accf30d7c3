import { createHash } from 'node:crypto';
import type pg from 'pg';
import type { SessionBook } from '../../capture/flow.ts';

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
    async remember(credentials, username, hours) {
      const at = now();
      // Expired sessions are dropped here so the table does not grow forever.
      await pool.query('DELETE FROM sessions WHERE expires_at <= $1', [at]);
      await pool.query(
        `INSERT INTO sessions (credential, username, expires_at) SELECT unnest($1::text[]), $2, $3
         ON CONFLICT (credential) DO UPDATE SET username = EXCLUDED.username, expires_at = EXCLUDED.expires_at`,
        [credentials.map(digest), username, at + hours * 3_600_000],
      );
    },
    async follow(current, next) {
      await pool.query(
        `INSERT INTO sessions (credential, username, expires_at)
         SELECT unnest($2::text[]), username, expires_at FROM sessions WHERE credential = $1 AND expires_at > $3
         ON CONFLICT (credential) DO UPDATE SET username = EXCLUDED.username, expires_at = EXCLUDED.expires_at`,
        [digest(current), next.map(digest), now()],
      );
    },
    async forget(credentials) {
      await pool.query('DELETE FROM sessions WHERE credential = ANY($1::text[])', [credentials.map(digest)]);
    },
  };
}
