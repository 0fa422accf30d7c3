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
 * time bounds, narrowed by a sorted candidate list from text terms and record types) and a test
 * for the per-entry filters. Every list within one filter is OR; filters, terms, and the text's
 * filters with the request's explicit ones, all AND together.
 */
export interface CompiledFilter {
  /** Ordinals outside [lo, hi) cannot match. */
  lo: number;
  hi: number;
  /** When not null, only these ordinals (ascending) can match. */
  candidates: Uint32Array | null;
  test(ordinal: number): boolean;
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

  const tests: Array<(ordinal: number) => boolean> = [];
  if (fromMs > -Infinity || toMs < Infinity) tests.push((o) => columns.atMs[o]! >= fromMs && columns.atMs[o]! < toMs);
  for (const staff of [parsed.staff, request.staff ?? []]) {
    if (staff.length === 0) continue;
    // A staff value names a username; a member's display name is accepted too.
    const usernames = marksOf(index.usernames, staff);
    const members = marksOf(index.members, staff);
    tests.push((o) => usernames[columns.username[o]!] === 1 || members[columns.member[o]!] === 1);
  }
  for (const [values, names, column] of [
    [parsed.sources, index.sources, columns.source],
    [request.sources ?? [], index.sources, columns.source],
    [parsed.verbs, index.verbs, columns.verb],
    [request.verbs ?? [], index.verbs, columns.verb],
    [parsed.ips, index.ips, columns.ip],
  ] as const) {
    if (values.length === 0) continue;
    const allowed = marksOf(names, values);
    tests.push((o) => allowed[column[o]!] === 1);
  }

  const required: Uint32Array[] = [];
  for (const types of [parsed.types, request.types ?? []]) {
    if (types.length > 0) required.push(union(idsOf(index.types, types).map((t) => index.typePostings.get(t)), n));
  }
  for (const term of parsed.terms) for (const word of tokenize(term)) required.push(wordMatches(index, word));
  const excludedWords = parsed.exclude.flatMap(tokenize);
  if (excludedWords.length > 0) {
    const excluded = toMarks(union(excludedWords.map((word) => wordMatches(index, word)), n), n);
    tests.push((o) => excluded[o] === 0);
  }

  let candidates: Uint32Array | null = null;
  for (const list of required.sort((a, b) => a.length - b.length)) candidates = candidates === null ? list : intersect(candidates, list);
  return {
    lo: fromMs > -Infinity ? columns.firstAtOrAfter(fromMs) : 0,
    hi: toMs < Infinity ? columns.firstAllAtOrAfter(toMs) : n,
    candidates,
    test: (o) => tests.every((t) => t(o)),
  };
}

/** Entries with any vocabulary word the query word expands to (exact, prefix, or typo). */
function wordMatches(index: SearchIndex, word: string): Uint32Array {
  const ids = index.vocabulary.expand(word, index.wordFrequency);
  return union(ids.map((id) => index.words.get(id)), index.size);
}

function idsOf(names: Interner, values: readonly string[]): number[] {
  return values.flatMap((value) => names.idsIgnoringCase(value));
}

function marksOf(names: Interner, values: readonly string[]): Uint8Array {
  const marks = new Uint8Array(names.size);
  for (const id of idsOf(names, values)) marks[id] = 1;
  return marks;
}
