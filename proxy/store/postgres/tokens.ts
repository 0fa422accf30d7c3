import type pg from 'pg';
import { checkTokenName, LAST_USED_RESOLUTION_MS, newTokenSecret, tokenHash, TokenError, type Role, type TokenBook } from '../../admin/tokens.ts';

/**
 * Admin tokens in the database every replica shares. Each call asks the database, with no cache,
 * so a token revoked through one replica (or the CLI) is refused by every replica from then on.
 */
export function createPostgresTokenBook(pool: pg.Pool): TokenBook {
  return {
    async create(name, role) {
      checkTokenName(name);
      const token = newTokenSecret();
      // One statement, so two replicas making the first admin token at once cannot both succeed.
      const { rowCount } = await pool.query('INSERT INTO admin_tokens (name, role, hash) VALUES ($1, $2, $3) ON CONFLICT (name) DO NOTHING', [name, role, tokenHash(token)]);
      if (rowCount === 0) throw new TokenError(`A token named "${name}" already exists`);
      return token;
    },

    async list() {
      const { rows } = await pool.query<{ name: string; role: Role; created: Date; last_used: Date | null }>('SELECT name, role, created, last_used FROM admin_tokens ORDER BY created, name');
      return rows.map((r) => ({ name: r.name, role: r.role, created: r.created.toISOString(), lastUsed: r.last_used?.toISOString() ?? null }));
    },

    async revoke(name) {
      const { rowCount } = await pool.query('DELETE FROM admin_tokens WHERE name = $1', [name]);
      return (rowCount ?? 0) > 0;
    },

    async authenticate(token) {
      // Looked up by the presented token's hash: what an index lookup's timing could reveal is how
      // close that hash is to a stored one, and a hash prefix is no help in finding a token.
      const hash = tokenHash(token);
      await pool.query(
        `UPDATE admin_tokens SET last_used = now()
         WHERE hash = $1 AND (last_used IS NULL OR last_used < now() - $2 * interval '1 millisecond')`,
        [hash, LAST_USED_RESOLUTION_MS],
      );
      const { rows } = await pool.query<{ name: string; role: Role }>('SELECT name, role FROM admin_tokens WHERE hash = $1', [hash]);
      return rows[0] ? { name: rows[0].name, role: rows[0].role } : null;
    },
  };
}
