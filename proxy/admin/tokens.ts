import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import { join } from 'node:path';
import { Low } from 'lowdb';
import { JSONFile } from 'lowdb/node';
import { z } from 'zod';
import { firstProblem } from '../../shared/api.ts';
import { EXIT, UserError } from '../user-error.ts';

export const Role = z.enum(['admin', 'auditor']);
export type Role = z.infer<typeof Role>;

/** Token names double as the member name of audit-log entries, so keep them short and printable. */
export const TokenName = z.string().regex(/^[A-Za-z0-9][A-Za-z0-9._@-]{0,63}$/, 'use 1–64 letters, digits, ".", "_", "@" or "-"');

interface TokenRecord {
  name: string;
  role: Role;
  /** sha256 hex of the bearer token: a copy of tokens.json does not let anyone in. */
  hash: string;
  created: string;
  lastUsed: string | null;
}

/** What `token list` shows: everything but the hash. */
export type TokenInfo = Omit<TokenRecord, 'hash'>;

/** Who a valid token belongs to. */
export interface Caller {
  name: string;
  role: Role;
}

export interface TokenBook {
  /** Creates a token and returns the bearer string; it is never stored and cannot be shown again. */
  create(name: string, role: Role): Promise<string>;
  list(): Promise<TokenInfo[]>;
  /** False when no token has that name. */
  revoke(name: string): Promise<boolean>;
  /** The token's owner, or null for an unknown or revoked token. */
  authenticate(token: string): Promise<Caller | null>;
}

/** A token name that is malformed or taken: the command was wrong (exit 2). */
export class TokenError extends UserError {
  override name = 'TokenError';
  constructor(message: string) {
    super(message, EXIT.usage);
  }
}

const TOKEN_PREFIX = 'pa_';
/** Writing lastUsed on every request would rewrite the file (or row) per keystroke of a search-as-you-type box. */
export const LAST_USED_RESOLUTION_MS = 60_000;

const sha256 = (text: string) => createHash('sha256').update(text).digest();

/** The sha256 hex that stands for a token wherever tokens are kept. */
export const tokenHash = (token: string): string => sha256(token).toString('hex');

/** Throws a TokenError naming what is wrong with a new token's name. */
export function checkTokenName(name: string): void {
  const parsedName = TokenName.safeParse(name);
  if (!parsedName.success) throw new TokenError(`Invalid token name "${name}": ${firstProblem(parsedName.error).message}`);
}

/** A new bearer token: the prefix makes it recognisable in a leaked-secret scan. */
export const newTokenSecret = (): string => TOKEN_PREFIX + randomBytes(32).toString('base64url');

export function tokensFile(dataDir: string): string {
  return join(dataDir, 'tokens.json');
}

/**
 * Tokens in `<dataDir>/tokens.json` (lowdb). The document is re-read before every use because the
 * CLI (`token create`, `token revoke`) changes it while the server runs: a revoke must take effect
 * at once, and the server must not overwrite a token the CLI just added.
 */
export async function openTokenBook(dataDir: string): Promise<TokenBook> {
  // Not JSONFilePreset: it swaps in a memory adapter when NODE_ENV is "test", and tokens must be on disk.
  const db = new Low<{ tokens: TokenRecord[] }>(new JSONFile(tokensFile(dataDir)), { tokens: [] });
  await db.read();

  async function fresh(): Promise<TokenRecord[]> {
    await db.read();
    return db.data.tokens;
  }

  return {
    async create(name, role) {
      checkTokenName(name);
      if ((await fresh()).some((t) => t.name === name)) throw new TokenError(`A token named "${name}" already exists`);
      const token = newTokenSecret();
      db.data.tokens.push({ name, role, hash: tokenHash(token), created: new Date().toISOString(), lastUsed: null });
      await db.write();
      return token;
    },

    async list() {
      return (await fresh()).map(({ hash: _hash, ...info }) => info);
    },

    async revoke(name) {
      const tokens = await fresh();
      const kept = tokens.filter((t) => t.name !== name);
      if (kept.length === tokens.length) return false;
      db.data.tokens = kept;
      await db.write();
      return true;
    },

    async authenticate(token) {
      const presented = sha256(token);
      let match: TokenRecord | undefined;
      // Compare against every token without stopping early, so timing says nothing about which
      // stored hash came close or how many tokens there are before the right one.
      for (const record of await fresh()) {
        if (timingSafeEqual(presented, Buffer.from(record.hash, 'hex'))) match = record;
      }
      if (!match) return null;
      const now = Date.now();
      if (!match.lastUsed || now - Date.parse(match.lastUsed) > LAST_USED_RESOLUTION_MS) {
        match.lastUsed = new Date(now).toISOString();
        await db.write();
      }
      return { name: match.name, role: match.role };
    },
  };
}
