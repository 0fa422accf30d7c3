import { z } from 'zod';
import { Entry } from './entry.ts';
import { parseInstant } from './time/instant.ts';

/** Shapes of the admin API's answers: the extension's client parses every response with these. */

/** The parser's answer is part of the contract; its schemas live beside the parser, so the types are theirs. */
import { Chip, ParsedQuery } from './query/types.ts';

export { Chip, ParsedQuery };

/** How the histogram counts: per hour, day, week (from Monday) or month, in the business time zone. */
export const HistogramBucket = z.enum(['hour', 'day', 'week', 'month']);
export type HistogramBucket = z.infer<typeof HistogramBucket>;

/**
 * One bar, oldest first; buckets with no match are left out. `day` is the bucket's first day (a week's
 * Monday, a month's 1st); hour bars also give the `hour` (0–23) of that day.
 */
export const HistogramBar = z.object({
  day: z.string().regex(/^\d{4}-\d{2}-\d{2}$/),
  hour: z.number().int().min(0).max(23).optional(),
  count: z.number().int(),
});
export type HistogramBar = z.infer<typeof HistogramBar>;

export const DEFAULT_SEARCH_LIMIT = 50;
export const MAX_SEARCH_LIMIT = 500;

/** "staff=a&staff=b", "staff=a,b" and `--staff a --staff b` mean the same: each list takes whichever is handy. */
const list = z
  .array(z.string())
  .default([])
  .transform((values) =>
    values
      .flatMap((v) => v.split(','))
      .map((v) => v.trim())
      .filter(Boolean),
  );

/** A day, or an instant (without an offset: business time, read by shared/time/instant.ts, as the engine reads it). */
const instantOrDate = z
  .string()
  .refine(
    (v) => (/^\d{4}-\d{2}-\d{2}$/.test(v) ? parseInstant(`${v}T00:00`, 'UTC') : parseInstant(v, 'UTC')) !== null,
    'expected a real date (YYYY-MM-DD) or ISO instant (2026-11-25T10:00, business time without an offset)',
  );

/**
 * What a search and an export filter by, under the same names in the extension's client, the URL, the
 * CLI's flags and the engine; `q` is the free text the query parser reads. Parsed from the query string
 * (or the CLI's flags), this is where every value is checked, once.
 */
export const SearchFilters = z.strictObject({
  q: z.string().max(1000, 'at most 1000 characters').optional(),
  from: instantOrDate.optional(),
  to: instantOrDate.optional(),
  staff: list,
  source: list,
  verb: list,
  type: list,
});
export type SearchFilters = z.output<typeof SearchFilters>;

/** One page of a search: the filters plus paging, the histogram's bucket and whether the admin committed it. */
export const SearchQuery = SearchFilters.extend({
  limit: z.coerce
    .number(`must be a number from 1 to ${MAX_SEARCH_LIMIT}`)
    .int('must be a whole number')
    .min(1, 'must be at least 1')
    .max(MAX_SEARCH_LIMIT, `must be at most ${MAX_SEARCH_LIMIT}`)
    .default(DEFAULT_SEARCH_LIMIT),
  /** Opaque, from a previous page's nextCursor. */
  cursor: z.string().min(1).max(500).optional(),
  bucket: z.enum(HistogramBucket.options, 'must be hour, day, week or month').optional(),
  /** 1 when the admin commits the search (Enter, opening a result): it is logged at once. */
  commit: z
    .enum(['0', '1'], 'must be 0 or 1')
    .default('0')
    .transform((v) => v === '1'),
});
export type SearchQuery = z.output<typeof SearchQuery>;

/** Parameters that may repeat; the others keep their last value. */
const LIST_PARAMS = ['staff', 'source', 'verb', 'type'] as const;
const isListParam = (key: string): key is (typeof LIST_PARAMS)[number] => (LIST_PARAMS as readonly string[]).includes(key);

/** A query string as the schemas read it. */
export function queryRecord(query: URLSearchParams): Record<string, string | string[]> {
  const raw: Record<string, string | string[]> = {};
  for (const [key, value] of query) {
    const before = raw[key];
    raw[key] = isListParam(key) ? [...(Array.isArray(before) ? before : []), value] : value;
  }
  return raw;
}

/** The query string of a search (the inverse of SearchQuery over queryRecord); defaults are left out. */
export function searchQueryString(query: Partial<SearchQuery>): string {
  const qs = new URLSearchParams();
  if (query.q !== undefined) qs.set('q', query.q);
  if (query.from) qs.set('from', query.from);
  if (query.to) qs.set('to', query.to);
  for (const key of LIST_PARAMS) for (const value of query[key] ?? []) qs.append(key, value);
  if (query.limit !== undefined) qs.set('limit', String(query.limit));
  if (query.cursor) qs.set('cursor', query.cursor);
  if (query.bucket) qs.set('bucket', query.bucket);
  if (query.commit) qs.set('commit', '1');
  return qs.toString();
}

/**
 * A zod failure as the parameter it is about (a nested one as `entryIds.3`; `whole` when it is about the
 * whole input) and what is wrong with it: the API's 400 and the CLI's one line.
 */
export function firstProblem(error: z.ZodError, whole = 'query'): { param: string; message: string } {
  const [issue] = error.issues;
  if (!issue) return { param: whole, message: error.message };
  if (issue.code === 'unrecognized_keys') return { param: [...issue.path, issue.keys[0] ?? whole].join('.'), message: 'unknown parameter' };
  return { param: issue.path.length ? issue.path.join('.') : whole, message: issue.message };
}

export const SearchResponse = z.object({
  entries: z.array(Entry),
  total: z.number().int(),
  totalIsEstimate: z.boolean(),
  nextCursor: z.string().nullable(),
  histogram: z.array(HistogramBar),
  /** The bucket of the histogram's bars: the one asked for (`bucket=`), else one that keeps them to about 120. */
  bucket: HistogramBucket,
  parsed: ParsedQuery,
});
export type SearchResponse = z.infer<typeof SearchResponse>;

export const RecordHistoryResponse = z.object({
  type: z.string(),
  id: z.string(),
  entries: z.array(Entry),
});
export type RecordHistoryResponse = z.infer<typeof RecordHistoryResponse>;

export const Facets = z.object({
  staff: z.array(z.object({ username: z.string(), member: z.string(), count: z.number().int() })),
  sources: z.array(z.object({ name: z.string(), count: z.number().int() })),
  types: z.array(z.object({ name: z.string(), count: z.number().int() })),
  verbs: z.array(z.object({ name: z.string(), count: z.number().int() })),
  /** Record rules' link templates, e.g. { type: "student", link: "/students/{params.id}" }. */
  links: z.array(z.object({ type: z.string(), link: z.string() })),
  timezone: z.string(),
  dateOrder: z.enum(['MDY', 'DMY']),
  /** Portal base URLs the admin may open record links on, e.g. http://127.0.0.1:8081. */
  portals: z.array(z.object({ source: z.string(), url: z.string() })),
});
export type Facets = z.infer<typeof Facets>;

export const VerifyResponse = z.object({
  ok: z.boolean(),
  checked: z.number().int(),
  firstBad: z.object({ seq: z.number().int(), reason: z.string() }).nullable(),
  fingerprint: z.string().nullable(),
  /**
   * Only when retention removed the oldest entries: the check began at `firstSeq`, anchored on the
   * removed entry's fingerprint `anchor` (seq:hash) from the retention checkpoint.
   */
  retention: z.object({ firstSeq: z.number().int(), anchor: z.string(), prunedThrough: z.string(), prunedAt: z.string() }).optional(),
  /** The newest signed checkpoint, found to match the log (its tree size, root hash hex, signing time). */
  signed: z.object({ size: z.number().int(), root: z.string(), time: z.string().nullable() }).optional(),
  /** The checkpoint kept elsewhere (verify --checkpoint), found to be extended by the log. */
  kept: z.object({ size: z.number().int(), root: z.string(), time: z.string().nullable() }).optional(),
});
export type VerifyResponse = z.infer<typeof VerifyResponse>;

/** The newest signed checkpoint (C2SP signed note) and the key that signs them. */
export const CheckpointResponse = z.object({
  checkpoint: z.string(),
  size: z.number().int().nonnegative(),
  /** Verifier key, `name+keyid+base64`. */
  publicKey: z.string(),
  /** Short fingerprint of the public key for people to compare. */
  fingerprint: z.string(),
  /** What the server found changed on disk when it started (the first bad entry): its own word, to locate a rewrite the proofs show. */
  changedOnDisk: z.object({ seq: z.number().int(), reason: z.string() }).optional(),
});
export type CheckpointResponse = z.infer<typeof CheckpointResponse>;

/** RFC 9162 consistency proof from the tree of `from` entries to the tree of `to`, hashes in hex. */
export const ConsistencyProofResponse = z.object({ from: z.number().int(), to: z.number().int(), proof: z.array(z.string()) });
export type ConsistencyProofResponse = z.infer<typeof ConsistencyProofResponse>;

/** RFC 9162 inclusion proof of entry `seq` (leaf seq − 1) in the tree of `size`, with the entry's stored line. */
export const InclusionProofResponse = z.object({ seq: z.number().int(), size: z.number().int(), line: z.string(), proof: z.array(z.string()) });
export type InclusionProofResponse = z.infer<typeof InclusionProofResponse>;

/** The extension reports a copy to the clipboard so that it is itself audited. */
export const AuditEventRequest = z.object({
  kind: z.enum(['copy']),
  count: z.number().int().nonnegative(),
  query: z.string().max(2000),
  entryIds: z.array(z.string()).max(500).default([]),
});
export type AuditEventRequest = z.infer<typeof AuditEventRequest>;

/** One method and path pattern (ids collapsed to :id) of the mutations in the log, as `GET /api/coverage` reports it. */
export const CoverageEndpoint = z.object({
  /** `*` for the row that counts the patterns past the report's limit together. */
  method: z.string(),
  pattern: z.string(),
  seen: z.number().int(),
  /** How many named their record (matched a record rule). */
  matched: z.number().int(),
  /** How many named who acted. */
  named: z.number().int(),
  lastSeen: z.string(),
  /** A draft record rule for a pattern no rule matched, to paste into the config's `records`. */
  suggestedRule: z.record(z.string(), z.string()).nullable(),
  /** No entry matched, but a rule in today's config does: it was added since. */
  coveredNow: z.boolean().optional(),
});
export type CoverageEndpoint = z.infer<typeof CoverageEndpoint>;

export const CoverageReport = z.object({
  mutations: z.number().int(),
  matched: z.number().int(),
  named: z.number().int(),
  unmatchedEndpoints: z.number().int(),
  /** True when there were more patterns than the report keeps; the rest are one `*` row. */
  truncated: z.boolean(),
  endpoints: z.array(CoverageEndpoint),
});
export type CoverageReport = z.infer<typeof CoverageReport>;

export const WhoAmI = z.object({ name: z.string(), role: z.enum(['admin', 'auditor']) });
export type WhoAmI = z.infer<typeof WhoAmI>;

/** Every API error: `param` names the bad parameter when there is one. */
export const ApiError = z.object({ error: z.string(), param: z.string().optional() });
export type ApiError = z.infer<typeof ApiError>;
