import { AUDIT_LOG_SOURCE } from '../../shared/entry.ts';
import type { ParsedQuery } from '../../shared/query/types.ts';
import type { BusinessDays } from './business-days.ts';
import type { Interner } from './interner.ts';
import { intersect, toMarks, union } from './ordinal-sets.ts';
import type { SearchIndex } from './search-index.ts';
import { parseFrom, parseTo } from './time-bounds.ts';
import { tokenize } from './tokens.ts';
import type { SearchRequest } from './types.ts';

/**
 * A search compiled against the index: which ordinals can match at all (an ordinal range from the
 * time bounds, narrowed by a sorted candidate list from text terms and record types) and plain data
 * for the per-entry checks, so the evaluator can test a million entries in a tight loop. Every list
 * within one filter is OR; filters, terms, and the text's filters with the request's explicit ones,
 * all AND together.
 */
export interface CompiledFilter {
  /** Ordinals outside [lo, hi) cannot match. */
  lo: number;
  hi: number;
  /** When not null, only these ordinals (ascending) can match. */
  candidates: Uint32Array | null;
  /** `at` must fall in [fromMs, toMs). */
  fromMs: number;
  toMs: number;
  /** Each check passes when `allowed[column[ordinal]] === 1`. */
  checks: Array<{ column: Uint32Array; allowed: Uint8Array }>;
  /** Ordinals marked 1 are left out (the text's -terms). */
  excluded: Uint8Array | null;
}

type Request = Omit<SearchRequest, 'limit' | 'cursor'>;

export function compileFilter(index: SearchIndex, parsed: ParsedQuery, request: Request, days: BusinessDays): CompiledFilter {
  const { columns } = index;
  const n = columns.length;
  const fromMs = Math.max(
    request.from === undefined ? -Infinity : parseFrom(request.from, days),
    parsed.from === undefined ? -Infinity : Date.parse(parsed.from),
  );
  const toMs = Math.min(
    request.to === undefined ? Infinity : parseTo(request.to, days),
    parsed.to === undefined ? Infinity : Date.parse(parsed.to),
  );

  const checks: CompiledFilter['checks'] = [];
  for (const [values, names, column] of [
    [parsed.staff, index.usernames, columns.username],
    [request.staff ?? [], index.usernames, columns.username],
    [parsed.sources, index.sources, columns.source],
    [request.sources ?? [], index.sources, columns.source],
    [parsed.verbs, index.verbs, columns.verb],
    [request.verbs ?? [], index.verbs, columns.verb],
    [parsed.ips, index.ips, columns.ip],
  ] as const) {
    if (values.length === 0) continue;
    checks.push({ column, allowed: marksOf(names, values) });
  }
  const hideOwnActivity = hideAuditLog(index.sources, [...parsed.sources, ...(request.sources ?? [])]);
  if (hideOwnActivity) checks.push({ column: columns.source, allowed: hideOwnActivity });

  const required: Uint32Array[] = [];
  for (const types of [parsed.types, request.types ?? []]) {
    if (types.length > 0) required.push(union(idsOf(index.types, types).map((t) => index.typePostings.get(t)), n));
  }
  for (const term of parsed.terms) for (const word of tokenize(term)) required.push(wordMatches(index, word));
  const excludedWords = parsed.exclude.flatMap(tokenize);
  const excluded = excludedWords.length === 0 ? null : toMarks(union(excludedWords.map((word) => wordMatches(index, word)), n), n);

  let candidates: Uint32Array | null = null;
  for (const list of required.sort((a, b) => a.length - b.length)) candidates = candidates === null ? list : intersect(candidates, list);
  return {
    lo: fromMs > -Infinity ? columns.firstAtOrAfter(fromMs) : 0,
    hi: toMs < Infinity ? columns.firstAllAtOrAfter(toMs) : n,
    candidates,
    fromMs,
    toMs,
    checks,
    excluded,
  };
}

/** Entries with any vocabulary word the query word expands to (exact, prefix, or typo). */
function wordMatches(index: SearchIndex, word: string): Uint32Array {
  const ids = index.vocabulary.expand(word, index.wordFrequency);
  return union(ids.map((id) => index.words.get(id)), index.size);
}

/**
 * The admins' own searches, exports and copies (source Audit Log) would otherwise top every result list,
 * each search matching the words it searched for; they are shown only when a source filter names them.
 */
function hideAuditLog(sources: Interner, asked: readonly string[]): Uint8Array | null {
  if (asked.some((source) => source.toLowerCase() === AUDIT_LOG_SOURCE.toLowerCase())) return null;
  const ids = sources.idsIgnoringCase(AUDIT_LOG_SOURCE);
  if (ids.length === 0) return null;
  const allowed = new Uint8Array(sources.size).fill(1);
  for (const id of ids) allowed[id] = 0;
  return allowed;
}

function idsOf(names: Interner, values: readonly string[]): number[] {
  return values.flatMap((value) => names.idsIgnoringCase(value));
}

function marksOf(names: Interner, values: readonly string[]): Uint8Array {
  const marks = new Uint8Array(names.size);
  for (const id of idsOf(names, values)) marks[id] = 1;
  return marks;
}
