import type { SearchFilters } from '../../shared/api.ts';
import { AUDIT_LOG_SOURCE } from '../../shared/entry.ts';
import type { ParsedQuery } from '../../shared/query/types.ts';
import type { BusinessDays } from './business-days.ts';
import type { Interner } from './interner.ts';
import { intersect, toMarks, union } from './ordinal-sets.ts';
import type { SearchIndex } from './search-index.ts';
import { queryTerms } from './query-terms.ts';
import { parseFrom, parseTo } from './time-bounds.ts';
import { tokenize } from './tokens.ts';

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
  /** Chips (by index in parsed.chips) whose word matched nothing as typed, with the words it was read as. */
  readings: Array<{ chip: number; words: string[] }>;
}

type Request = Partial<SearchFilters>;

export function compileFilter(index: SearchIndex, parsed: ParsedQuery, request: Request, days: BusinessDays): CompiledFilter {
  const { columns } = index;
  const n = columns.length;
  const fromMs = Math.max(request.from === undefined ? -Infinity : parseFrom(request.from, days), parsed.from === undefined ? -Infinity : Date.parse(parsed.from));
  const toMs = Math.min(request.to === undefined ? Infinity : parseTo(request.to, days), parsed.to === undefined ? Infinity : Date.parse(parsed.to));

  const checks: CompiledFilter['checks'] = [];
  for (const [values, names, column] of [
    [parsed.staff, index.usernames, columns.username],
    [request.staff ?? [], index.usernames, columns.username],
    [parsed.sources, index.sources, columns.source],
    [request.source ?? [], index.sources, columns.source],
    [parsed.verbs, index.verbs, columns.verb],
    [request.verb ?? [], index.verbs, columns.verb],
    [parsed.ips, index.ips, columns.ip],
  ] as const) {
    if (values.length === 0) continue;
    checks.push({ column, allowed: marksOf(names, values) });
  }
  const hideOwnActivity = hideAuditLog(index.sources, [...parsed.sources, ...(request.source ?? [])]);
  if (hideOwnActivity) checks.push({ column: columns.source, allowed: hideOwnActivity });

  const required: Uint32Array[] = [];
  for (const types of [parsed.types, request.type ?? []]) {
    if (types.length > 0)
      required.push(
        union(
          idsOf(index.types, types).map((t) => index.typePostings.get(t)),
          n,
        ),
      );
  }
  const text = compileText(index, parsed, request.q ?? '', hideOwnActivity === null);
  required.push(...text.required);
  const excludedWords = parsed.exclude.flatMap(tokenize);
  const excluded =
    excludedWords.length === 0
      ? null
      : toMarks(
          union(
            excludedWords.flatMap((word) => [index.portal, index.audit].map((t) => t.entriesWithAny(t.vocabulary.expand(word).ids, n))),
            n,
          ),
          n,
        );

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
    readings: text.readings,
  };
}

/**
 * The lists of entries the text's words require (all of them must hold). Words bind: neighbouring
 * unquoted words that some one name holds together (a member, a record, a value: "John Smith") must
 * match within one name; words that no one name holds together ("Chen Smith": staff Chen acting on a
 * Smith) each match anywhere in the entry. A quoted phrase matches its exact words, in order, in one
 * name. Typos are corrected against the portals' words only; the admins' own activity (when asked
 * for) is matched word by word in its own words.
 */
function compileText(index: SearchIndex, parsed: ParsedQuery, q: string, withOwnActivity: boolean) {
  const n = index.size;
  const { words, phrases } = queryTerms(parsed, q);
  const readings = new Map<number, string[]>();
  const expanded = words.map(({ word, typing, chip }) => {
    const expansion = index.portal.vocabulary.expand(word, { typing });
    if (expansion.corrected) readings.set(chip, [...(readings.get(chip) ?? []), ...expansion.ids.map((id) => index.portal.vocabulary.word(id))]);
    return expansion.ids;
  });
  /** Entries of the admins' activity holding every word of words[from, to). */
  const ownActivity = (from: number, to: number): Uint32Array => {
    if (!withOwnActivity) return EMPTY;
    let all: Uint32Array | null = null;
    for (const { word, typing } of words.slice(from, to)) {
      const list = index.audit.entriesWithAny(index.audit.vocabulary.expand(word, { typing }).ids, n);
      all = all === null ? list : intersect(all, list);
    }
    return all ?? EMPTY;
  };

  const required: Uint32Array[] = [];
  for (let from = 0; from < words.length;) {
    let to = from + 1;
    let names: Uint32Array | null = null;
    while (to < words.length) {
      const holding = index.portal.namesHolding(expanded.slice(from, to + 1), false);
      if (holding.length === 0) break;
      names = holding;
      to++;
    }
    const portal = names === null ? index.portal.entriesWithAny(expanded[from] ?? [], n) : index.portal.entriesOfNames(names, n);
    required.push(union([portal, ownActivity(from, to)], n));
    from = to;
  }
  for (const phrase of phrases) {
    const ids = phrase.map((word) => index.portal.vocabulary.idOf(word));
    const portal = ids.every((id) => id !== undefined)
      ? index.portal.entriesOfNames(
          index.portal.namesHolding(
            ids.map((id) => [id]),
            true,
          ),
          n,
        )
      : EMPTY;
    let own: Uint32Array | null = withOwnActivity ? null : EMPTY;
    for (const word of phrase) {
      const id = index.audit.vocabulary.idOf(word);
      const list = withOwnActivity && id !== undefined ? index.audit.words.get(id) : EMPTY;
      own = own === null ? list : intersect(own, list);
    }
    required.push(union([portal, own ?? EMPTY], n));
  }
  return { required, readings: [...readings].map(([chip, found]) => ({ chip, words: [...new Set(found)] })) };
}

const EMPTY = new Uint32Array(0);

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
