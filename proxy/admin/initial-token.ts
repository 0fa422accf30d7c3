import { rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { TokenError, type TokenBook } from './tokens.ts';

export const INITIAL_TOKEN_NAME = 'admin';

export function initialTokenFile(dataDir: string): string {
  return join(dataDir, 'initial-admin-token');
}

/**
 * On the first start nobody could call the admin API, so one admin token is made. The caller prints
 * it once; it is also left in `<dataDir>/initial-admin-token`, readable only by the owner, for a
 * server started in the background. Returns null when tokens already exist.
 */
export async function ensureInitialAdminToken(dataDir: string, tokens: TokenBook): Promise<string | null> {
  if ((await tokens.list()).length > 0) return null;
  let token: string;
  try {
    token = await tokens.create(INITIAL_TOKEN_NAME, 'admin');
  } catch (err) {
    // Replicas starting together on one new database: the one that made the token first prints it.
    if (err instanceof TokenError && (await tokens.list()).length > 0) return null;
    throw err;
  }
  const file = initialTokenFile(dataDir);
  // `mode` applies only when a file is created: remove a leftover file so its looser mode is not kept.
  await rm(file, { force: true });
  await writeFile(file, `${token}\n`, { mode: 0o600, flag: 'wx' });
  return token;
}
