import { z } from 'zod';
import { parseInstant } from '../../shared/time/instant.ts';
import type { SearchRequest } from '../search/types.ts';
import { Fingerprint } from '../store/verify.ts';
import { SearchParamError } from '../search/types.ts';

/** "staff=a&staff=b" and "staff=a,b" mean the same: the extension sends whichever is handy. */
const list = z
  .array(z.string())
  .default([])
  .transform((values) =>
    values
      .flatMap((v) => v.split(','))
      .map((v) => v.trim())
      .filter(Boolean),
  );

/** A day, or an instant (without an offset: business time; see shared/time/instant.ts, which the engine reads it with). */
const instantOrDate = z
  .string()
  .refine(
    (v) => (/^\d{4}-\d{2}-\d{2}$/.test(v) ? parseInstant(`${v}T00:00`, 'UTC') : parseInstant(v, 'UTC')) !== null,
    'expected a real date (YYYY-MM-DD) or ISO instant (2026-11-25T10:00, business time without an offset)',
  );

/** The filters shared by search and export; `q` is the free text the query parser reads. */
const filterShape = {
  q: z.string().max(1000, 'at most 1000 characters').optional(),
  from: instantOrDate.optional(),
  to: instantOrDate.optional(),
  staff: list,
  source: list,
  verb: list,
  type: list,
};

const SearchParams = z.strictObject({
  ...filterShape,
  limit: z.coerce.number('must be a number from 1 to 500').int('must be a whole number').min(1, 'must be at least 1').max(500, 'must be at most 500').default(50),
  cursor: z.string().min(1).max(500).optional(),
  bucket: z.enum(['hour', 'day', 'week', 'month'], 'must be hour, day, week or month').optional(),
  /** 1 when the admin commits the search (Enter, opening a result): it is logged at once. */
  commit: z.enum(['0', '1'], 'must be 0 or 1').default('0'),
});

const ExportParams = z.strictObject({
  ...filterShape,
  format: z.enum(['csv', 'tsv', 'jsonl'], 'must be csv, tsv or jsonl').default('csv'),
});
export type ExportFormat = z.infer<typeof ExportParams>['format'];

const VerifyParams = z.strictObject({
  fingerprint: z
    .string()
    .refine((v) => Fingerprint.safeParse(v).success, 'expected seq:hash (64 hex digits), as printed by portal-audit verify')
    .optional(),
});

const LIST_KEYS = new Set(['staff', 'source', 'verb', 'type']);

/** Single-valued parameters keep their last value; list parameters keep every occurrence. */
function collect(query: URLSearchParams): Record<string, string | string[]> {
  const raw: Record<string, string | string[]> = {};
  for (const [key, value] of query) {
    if (LIST_KEYS.has(key)) raw[key] = [...((raw[key] as string[] | undefined) ?? []), value];
    else raw[key] = value;
  }
  return raw;
}

/** Parses with zod; the first problem becomes a SearchParamError naming its parameter (the API's 400, the CLI's --option). */
function parse<T extends z.ZodType>(schema: T, query: URLSearchParams): z.infer<T> {
  const result = schema.safeParse(collect(query));
  if (result.success) return result.data;
  const issue = result.error.issues[0]!;
  if (issue.code === 'unrecognized_keys') {
    throw new SearchParamError(issue.keys[0]!, 'unknown parameter');
  }
  throw new SearchParamError(String(issue.path[0] ?? 'query'), issue.message);
}

type Filters = { q?: string; from?: string; to?: string; staff: string[]; source: string[]; verb: string[]; type: string[] };

function toRequest(p: Filters): SearchRequest {
  return { q: p.q, from: p.from, to: p.to, staff: p.staff, sources: p.source, verbs: p.verb, types: p.type };
}

export function parseSearchParams(query: URLSearchParams): SearchRequest & { commit: boolean } {
  const p = parse(SearchParams, query);
  return { ...toRequest(p), limit: p.limit, cursor: p.cursor ?? null, bucket: p.bucket, commit: p.commit === '1' };
}

export function parseExportParams(query: URLSearchParams): { request: SearchRequest; format: ExportFormat } {
  const p = parse(ExportParams, query);
  return { request: toRequest(p), format: p.format };
}

export function parseVerifyParams(query: URLSearchParams): { fingerprint?: string } {
  return parse(VerifyParams, query);
}

const count = (what: string) => z.coerce.number(`must be ${what}`).int('must be a whole number').min(0, 'must not be negative');

const ConsistencyParams = z.strictObject({ from: count('a tree size'), to: count('a tree size').optional() });
const InclusionParams = z.strictObject({ seq: count('an entry number').min(1, 'must be at least 1'), size: count('a tree size').optional() });

export function parseConsistencyParams(query: URLSearchParams): { from: number; to?: number } {
  return parse(ConsistencyParams, query);
}

export function parseInclusionParams(query: URLSearchParams): { seq: number; size?: number } {
  return parse(InclusionParams, query);
}

/** Routes without parameters still refuse unknown ones, so a typo is not silently ignored. */
export function parseNoParams(query: URLSearchParams): void {
  parse(z.strictObject({}), query);
}
