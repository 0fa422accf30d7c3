import type pg from 'pg';
import type { Entry } from '../../../shared/entry.ts';
import { parseStrictLine } from '../canonical-line.ts';
import { CorruptLogError } from '../errors.ts';

/** Rows per page of a read: every walk over the log is bounded in memory. */
export const PAGE = 1000;

/** How the PostgreSQL driver reads stored lines: in pages, in seq order, corrupt rows told and left out. */
export function createReads(pool: pg.Pool, onNotice: (message: string) => void) {
  /** Pages of stored lines in seq order from `from` through `to`, optionally filtered by time. */
  async function* readLines(from: number, to: number, at?: { from: Date; to: Date }): AsyncIterable<{ seq: number; line: string }> {
    let next = from;
    for (;;) {
      const params: unknown[] = [next, to, PAGE];
      const time = at ? 'AND at >= $4 AND at < $5' : '';
      if (at) params.push(at.from.toISOString(), at.to.toISOString());
      const { rows } = await pool.query<{ seq: string; line: string }>(`SELECT seq, line FROM entries WHERE seq >= $1 AND seq <= $2 ${time} ORDER BY seq LIMIT $3`, params);
      for (const row of rows) yield { seq: Number(row.seq), line: row.line };
      const last = rows.at(-1);
      if (rows.length < PAGE || !last) return;
      next = Number(last.seq) + 1;
    }
  }

  /** The entry of a readable line; a line that is not canonical is left out with a notice (verify names it). */
  function readable(seq: number, line: string): Entry | null {
    try {
      return parseStrictLine(line, `entries seq ${seq}`);
    } catch (err) {
      if (!(err instanceof CorruptLogError)) throw err;
      onNotice(`A corrupt row of the log is left out of searches and reads (${err.message}); run portal-audit verify`);
      return null;
    }
  }

  async function* entries(lines: AsyncIterable<{ seq: number; line: string }>): AsyncIterable<Entry> {
    for await (const { seq, line } of lines) {
      const entry = readable(seq, line);
      if (entry) yield entry;
    }
  }

  return { readLines, readable, entries };
}
