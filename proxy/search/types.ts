import type { Facets, HistogramBucket, SearchResponse } from '../../shared/api.ts';
import type { Entry } from '../../shared/entry.ts';

/** One search as the admin API and the CLI ask it: free text plus explicit filters, ANDed together. */
export interface SearchRequest {
  /** Free text, parsed by shared/query (dates, times, staff, verbs, qualifiers, fuzzy names). */
  q?: string;
  /** ISO instant or date (YYYY-MM-DD, read in the business time zone); inclusive. */
  from?: string;
  /** ISO instant or date; a date means through the end of that day. */
  to?: string;
  staff?: string[];
  sources?: string[];
  verbs?: string[];
  types?: string[];
  /** 1–500, default 50. */
  limit?: number;
  /** Opaque, from a previous page's nextCursor. */
  cursor?: string | null;
  /** The histogram's bucket; default: the one that shows the matches' span in at most ~120 bars. */
  bucket?: HistogramBucket;
}

/** Counts for the filter pickers; the API adds the config-derived parts of Facets. */
export type IndexFacets = Pick<Facets, 'staff' | 'sources' | 'types' | 'verbs'>;

/** The search engine over the whole retained log, kept current as entries are appended. */
export interface SearchEngine {
  /** Newest first, with total, histogram of all matches and what the text was understood as. */
  search(request: SearchRequest): Promise<SearchResponse>;
  /** Every match, newest first, for export. */
  matches(request: Omit<SearchRequest, 'limit' | 'cursor'>): AsyncIterable<Entry>;
  /** The entry with this id (a ULID), for the API's entry detail; undefined when unknown. */
  getById(id: string): Promise<Entry | undefined>;
  /** Every entry that affected this record, newest first. */
  recordHistory(type: string, id: string): Promise<Entry[]>;
  facets(): IndexFacets;
  close(): Promise<void>;
}

/** Thrown for a bad cursor or filter; the API turns it into a 400 naming `param`. */
export class SearchParamError extends Error {
  override name = 'SearchParamError';
  constructor(
    readonly param: string,
    message: string,
  ) {
    super(message);
  }
}
