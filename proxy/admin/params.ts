import { z } from 'zod';
import { SearchFilters, SearchQuery, firstProblem, queryRecord } from '../../shared/api.ts';
import { Fingerprint } from '../store/verify.ts';
import { SearchParamError } from '../search/types.ts';

/** What the API's export and `portal-audit export` take: the filters of a search and a file format. */
export const ExportQuery = SearchFilters.extend({
  format: z.enum(['csv', 'tsv', 'jsonl'], 'must be csv, tsv or jsonl').default('csv'),
});
export type ExportFormat = z.infer<typeof ExportQuery>['format'];

const VerifyParams = z.strictObject({
  fingerprint: z
    .string()
    .refine((v) => Fingerprint.safeParse(v).success, 'expected seq:hash (64 hex digits), as printed by portal-audit verify')
    .optional(),
});

/** Parses with zod; the first problem becomes a SearchParamError naming its parameter (the API's 400). */
function parse<T extends z.ZodType>(schema: T, query: URLSearchParams): z.infer<T> {
  const result = schema.safeParse(queryRecord(query));
  if (result.success) return result.data;
  const { param, message } = firstProblem(result.error);
  throw new SearchParamError(param, message);
}

export function parseSearchParams(query: URLSearchParams): SearchQuery {
  return parse(SearchQuery, query);
}

export function parseExportParams(query: URLSearchParams): { request: SearchFilters; format: ExportFormat } {
  const { format, ...request } = parse(ExportQuery, query);
  return { request, format };
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
