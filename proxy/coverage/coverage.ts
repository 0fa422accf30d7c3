import type { CoverageEndpoint, CoverageReport } from '../../shared/api.ts';
import { AUDIT_LOG_SOURCE, type Entry } from '../../shared/entry.ts';
import type { RecordRule } from '../config/schema.ts';
import { escapePatternText } from '../../shared/path-pattern.ts';
import { createRuleMatcher } from '../capture/route-match.ts';

/** Segments and characters of a pattern kept, so a hostile path cannot make a report row unbounded. */
const MAX_SEGMENTS = 12;
const MAX_SEGMENT_CHARS = 40;

const NUMERIC = /^\d+$/;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
/** Hex ids (ObjectIds, hashes): 8 or more hex digits with at least one digit, so words like "deadbeefcafe" stay. */
const HEX = /^(?=[a-f]*\d)[0-9a-f]{8,}$/i;

/** A path with its ids collapsed to `:id`: `/api/families/7/students/42` → `/api/families/:id/students/:id`. */
export function pathPattern(path: string): string {
  // split always returns at least one part, so the default never applies.
  const [beforeQuery = ''] = path.split('?');
  const segments = beforeQuery.split('/').filter(Boolean);
  const kept = segments.slice(0, MAX_SEGMENTS).map((s) => (NUMERIC.test(s) || UUID.test(s) || HEX.test(s) ? ':id' : s.slice(0, MAX_SEGMENT_CHARS)));
  return `/${kept.join('/')}${segments.length > MAX_SEGMENTS ? '/…' : ''}`;
}

/** "categories" → "category", "contacts" → "contact": a guess at a record type, for a draft. */
function singular(word: string): string {
  const w = word.toLowerCase();
  if (w.endsWith('ies') && w.length > 3) return `${w.slice(0, -3)}y`;
  if (w.endsWith('s') && !w.endsWith('ss') && w.length > 1) return w.slice(0, -1);
  return w;
}

/**
 * A draft record rule for a pattern no rule matched: unique param names (`:familyId`, the last one `:id`) and a
 * type guessed from the last literal segment. A draft: the operator adds name, link and verb.
 */
export function suggestRule(method: string, pattern: string): Record<string, string> {
  const segments = pattern.split('/').filter(Boolean);
  const lastParam = segments.lastIndexOf(':id');
  const literals = segments.filter((s) => s !== ':id' && s !== '…');
  const path = segments.map((s, i) => {
    // A literal segment such as `doc:batchUpdate` or `(2024)` must stay literal in the rule's pattern syntax.
    if (s !== ':id') return escapePatternText(s);
    if (i === lastParam) return s;
    const previous = segments[i - 1];
    const owner = previous && previous !== ':id' ? singular(previous) : `p${i}`;
    return `:${owner.replace(/\W/g, '')}Id`;
  });
  const lastLiteral = literals.at(-1);
  const type = lastLiteral === undefined ? 'record' : singular(lastLiteral).replace(/[^a-z0-9_-]/g, '') || 'record';
  return { method, path: `/${path.join('/')}`, type };
}

/** Methods that change nothing; everything else is a mutation (as capture treats it). */
const READS = new Set(['GET', 'HEAD', 'OPTIONS', 'TRACE']);

export interface CoverageOptions {
  /** Distinct method+pattern rows kept; later new ones are counted in one "(other paths)" row. Default 5000. */
  maxPatterns?: number;
  /** The config's record rules: a pattern one of them matches now gets no suggestion (`coveredNow`). Default none. */
  rules?: RecordRule[];
}

interface Row extends CoverageEndpoint {
  sample: string;
}

/**
 * What the record rules miss, from the log itself: for each method and path pattern of the mutations seen
 * (logins, logouts and the admins' own audit entries left out), how many matched a record rule, how many
 * named their actor, when it was last seen, and a draft rule for the patterns no rule matched. Unmatched
 * endpoints come first, then the busiest.
 */
export async function computeCoverage(entries: AsyncIterable<Entry>, { maxPatterns = 5000, rules = [] }: CoverageOptions = {}): Promise<CoverageReport> {
  const rows = new Map<string, Row>();
  let mutations = 0;
  let matched = 0;
  let named = 0;
  let truncated = false;
  for await (const entry of entries) {
    if (READS.has(entry.method) || entry.source === AUDIT_LOG_SOURCE || entry.verb === 'login' || entry.verb === 'logout') continue;
    const pattern = pathPattern(entry.path);
    let key = `${entry.method} ${pattern}`;
    if (!rows.has(key) && rows.size >= maxPatterns) {
      truncated = true;
      key = '* (other paths)';
    }
    let row = rows.get(key);
    if (!row) {
      const other = key === '* (other paths)';
      row = { method: other ? '*' : entry.method, pattern: other ? '(other paths)' : pattern, seen: 0, matched: 0, named: 0, lastSeen: entry.at, suggestedRule: null, sample: entry.path };
      rows.set(key, row);
    }
    const hasRecord = entry.records.length > 0;
    const hasActor = entry.username !== null;
    row.seen += 1;
    row.matched += hasRecord ? 1 : 0;
    row.named += hasActor ? 1 : 0;
    if (entry.at >= row.lastSeen) {
      row.lastSeen = entry.at;
      row.sample = entry.path;
    }
    mutations += 1;
    matched += hasRecord ? 1 : 0;
    named += hasActor ? 1 : 0;
  }

  const matchRule = createRuleMatcher({ rules });
  const endpoints: CoverageEndpoint[] = [...rows.values()].map(({ sample, ...row }) => {
    if (row.matched > 0 || row.method === '*') return row;
    // A rule added since these entries were logged covers the pattern now: nothing to suggest.
    if (matchRule(row.method, sample)) return { ...row, coveredNow: true };
    return { ...row, suggestedRule: suggestRule(row.method, row.pattern) };
  });
  const unmatched = (e: CoverageEndpoint) => e.method !== '*' && e.matched === 0 && !e.coveredNow;
  endpoints.sort((a, b) => Number(unmatched(b)) - Number(unmatched(a)) || Number(a.method === '*') - Number(b.method === '*') || b.seen - a.seen || a.pattern.localeCompare(b.pattern));
  return { mutations, matched, named, unmatchedEndpoints: endpoints.filter(unmatched).length, truncated, endpoints };
}
