import pg from 'pg';
import type { SharedState } from '../create-store.ts';
import { migrate } from './migrations.ts';
import { createPostgresSessionBook } from './sessions.ts';
import { createPostgresTokenBook } from './tokens.ts';

/**
 * Sessions and admin tokens in the database at `url`, shared by every replica that uses it. Migrates
 * first, so `portal-audit token create` works on a database no proxy has started on yet.
 */
export async function openPostgresSharedState(
  url: string,
  { onNotice = (m: string) => console.warn(m), sessionClock }: { onNotice?: (m: string) => void; sessionClock?: () => number } = {},
): Promise<SharedState> {
  const pool = new pg.Pool({ connectionString: url, max: 2 });
  // An idle connection the server drops must not crash the process; the next query reports it.
  pool.on('error', (err) => onNotice(`A PostgreSQL connection failed: ${err.message}`));
  try {
    const client = await pool.connect();
    try {
      await migrate(client);
    } finally {
      client.release();
    }
  } catch (err) {
    await pool.end();
    throw err;
  }
  return { sessions: createPostgresSessionBook(pool, sessionClock), tokens: createPostgresTokenBook(pool), close: () => pool.end() };
}
