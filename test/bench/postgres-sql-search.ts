import type pg from 'pg';
import type { ParsedQuery } from '../../shared/query/types.ts';

/**
 * Search pushed down into PostgreSQL, for `npm run bench:postgres` to measure against the in-memory
 * engine: the same parsed query (shared/query/parse.ts) turned into parameterised SQL, never string-built
 * from input. Filters use the btree indexes of migration v1/v2, record types the jsonb GIN index, and
 * name terms a pg_trgm GIN index on the entry's names (word similarity, `<%`). A page is the newest
 * 50 matches; `facets` adds what the engine's response also carries: the total and the staff, verb
 * and source counts, computed by SQL over every match.
 */
export const SEARCH_SQL_SETUP = [
  'CREATE EXTENSION IF NOT EXISTS pg_trgm',
  `CREATE OR REPLACE FUNCTION pa_names(entry jsonb) RETURNS text LANGUAGE sql IMMUTABLE PARALLEL SAFE AS
   $$ SELECT lower(concat_ws(' ', entry->>'member', entry->>'username', entry->>'action', (SELECT string_agg(r->>'name', ' ') FROM jsonb_array_elements(entry->'records') r))) $$`,
  'CREATE INDEX IF NOT EXISTS entries_names_trgm ON entries USING gin (pa_names(entry) gin_trgm_ops)',
  'ANALYZE entries',
];

export interface SqlPage {
  seqs: number[];
  total?: number;
}

export async function sqlSearch(pool: pg.Pool, parsed: ParsedQuery, { facets = false, limit = 50 } = {}): Promise<SqlPage> {
  const params: unknown[] = [];
  const p = (value: unknown) => `$${params.push(value)}`;
  const where: string[] = [];
  if (parsed.from) where.push(`at >= ${p(parsed.from)}`);
  if (parsed.to) where.push(`at < ${p(parsed.to)}`);
  if (parsed.staff.length > 0) where.push(`username = ANY(${p(parsed.staff)})`);
  if (parsed.sources.length > 0) where.push(`source = ANY(${p(parsed.sources)})`);
  if (parsed.verbs.length > 0) where.push(`verb = ANY(${p(parsed.verbs)})`);
  if (parsed.ips.length > 0) where.push(`entry->>'ip' = ANY(${p(parsed.ips)})`);
  if (parsed.types.length > 0) where.push(`(${parsed.types.map((t) => `entry->'records' @> ${p(JSON.stringify([{ type: t }]))}::jsonb`).join(' OR ')})`);
  for (const term of parsed.terms) where.push(`${p(term.toLowerCase())} <% pa_names(entry)`);
  for (const term of parsed.exclude) where.push(`NOT pa_names(entry) LIKE ${p(`%${term.toLowerCase()}%`)}`);
  const filter = where.length > 0 ? `WHERE ${where.join(' AND ')}` : '';
  const page = await pool.query<{ seq: string }>(`SELECT seq FROM entries ${filter} ORDER BY at DESC, seq DESC LIMIT ${p(limit)}`, params);
  const out: SqlPage = { seqs: page.rows.map((r) => Number(r.seq)) };
  if (!facets) return out;
  params.pop();
  const counted = await pool.query<{ total: string }>(
    `WITH m AS (SELECT username, verb, source FROM entries ${filter})
     SELECT (SELECT count(*) FROM m) AS total,
            (SELECT json_agg(x) FROM (SELECT username, count(*) FROM m GROUP BY 1 ORDER BY 2 DESC LIMIT 20) x) AS staff,
            (SELECT json_agg(x) FROM (SELECT verb, count(*) FROM m GROUP BY 1) x) AS verbs,
            (SELECT json_agg(x) FROM (SELECT source, count(*) FROM m GROUP BY 1) x) AS sources`,
    params,
  );
  out.total = Number(counted.rows[0]!.total);
  return out;
}
