import { createHash } from 'node:crypto';
import { join } from 'node:path';
import { Low } from 'lowdb';
import { JSONFile } from 'lowdb/node';
import type { SessionBook } from '../../capture/flow.ts';
import { secondsAfter, sessionLifetime } from '../session-lifetime.ts';

interface SessionsDoc {
  /**
   * sha256 hex of a credential (session cookie or bearer token) → who logged in with it, until when, and the latest a
   * renewal may take it to (ms since epoch; absent in documents written before renewals were bounded: `expiresAt`).
   */
  sessions: Record<string, { username: string; expiresAt: number; endsAt?: number }>;
}

export interface SessionBookOptions {
  /** Folder of `sessions.json`. Required. */
  dataDir: string;
  /** Clock for expiry. Default `() => Date.now()`. */
  now?: () => number;
}

/** A credential is a secret (whoever holds it is logged in), so only its hash is written. */
function digest(credential: string): string {
  return createHash('sha256').update(credential).digest('hex');
}

/**
 * The sessions capture learned from logins, in the small lowdb document `<dataDir>/sessions.json`,
 * so a restarted proxy still knows who is behind a cookie.
 */
export function createSessionBook({ dataDir, now = () => Date.now() }: SessionBookOptions): SessionBook {
  let db: Promise<Low<SessionsDoc>> | null = null;
  // Not JSONFilePreset: under NODE_ENV=test it keeps the document in memory, and restarts must be real.
  const open = () =>
    (db ??= (async () => {
      const low = new Low<SessionsDoc>(new JSONFile(join(dataDir, 'sessions.json')), { sessions: {} });
      await low.read();
      return low;
    })());

  return {
    async lookup(credential) {
      const found = (await open()).data.sessions[digest(credential)];
      return found && found.expiresAt > now() ? found.username : null;
    },
    async remember(credentials, username, hours, seconds) {
      const doc = await open();
      const { expiresAt, endsAt } = sessionLifetime(now(), hours, seconds);
      await doc.update(({ sessions }) => {
        // Expired sessions are dropped here so the document does not grow forever.
        for (const [key, session] of Object.entries(sessions)) if (session.expiresAt <= now()) delete sessions[key];
        for (const credential of credentials) sessions[digest(credential)] = { username, expiresAt, endsAt };
      });
    },
    async follow(current, next, seconds) {
      const doc = await open();
      await doc.update(({ sessions }) => {
        const found = sessions[digest(current)];
        if (!found || found.expiresAt <= now()) return;
        const endsAt = found.endsAt ?? found.expiresAt;
        const expiresAt = seconds === undefined ? found.expiresAt : Math.min(endsAt, secondsAfter(now(), seconds));
        for (const credential of next) sessions[digest(credential)] = { username: found.username, expiresAt, endsAt };
      });
    },
    async forget(credentials) {
      const doc = await open();
      await doc.update(({ sessions }) => {
        for (const credential of credentials) delete sessions[digest(credential)];
      });
    },
  };
}
