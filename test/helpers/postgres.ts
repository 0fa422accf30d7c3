import { randomBytes } from 'node:crypto';
import pg from 'pg';

/**
 * The server the PostgreSQL tests use: PORTAL_AUDIT_TEST_DATABASE_URL (set by .ci/run, a database made
 * fresh for the run), else the local server (127.0.0.1:5432, user postgres, trust auth). Each test
 * file makes its own databases through it and drops them.
 */
export const ADMIN_URL = process.env.PORTAL_AUDIT_TEST_DATABASE_URL || 'postgres://postgres@127.0.0.1:5432/postgres';

async function admin<T>(run: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: ADMIN_URL, connectionTimeoutMillis: 5000 });
  await client.connect();
  try {
    return await run(client);
  } finally {
    await client.end();
  }
}

/**
 * Whether the tests can reach PostgreSQL. In CI (CI=true) they must: an unreachable server fails the
 * run. Elsewhere the PostgreSQL tests say so plainly and are skipped, the one skip allowed.
 */
export async function postgresReachable(): Promise<boolean> {
  try {
    await admin((client) => client.query('SELECT 1'));
    return true;
  } catch (err) {
    if (process.env.CI === 'true') throw new Error(`CI must run the PostgreSQL tests, but ${ADMIN_URL} is unreachable: ${(err as Error).message}`);
    console.warn(`PostgreSQL tests SKIPPED: no server at ${ADMIN_URL} (${(err as Error).message}); start one or set PORTAL_AUDIT_TEST_DATABASE_URL`);
    return false;
  }
}

/** A new empty database on the test server; `drop` removes it, closing whatever is still connected. */
export async function scratchDatabase(): Promise<{ url: string; drop(): Promise<void> }> {
  const name = `pa_test_${randomBytes(6).toString('hex')}`;
  await admin((client) => client.query(`CREATE DATABASE ${name}`));
  const url = new URL(ADMIN_URL);
  url.pathname = `/${name}`;
  return { url: url.toString(), drop: () => admin(async (client) => void (await client.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`))) };
}
