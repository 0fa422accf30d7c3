import type { Facets, SearchFilters, SearchQuery, SearchResponse } from '../../shared/api.ts';
import type { Entry } from '../../shared/entry.ts';

/**
 * One search as the engine runs it: a SearchQuery (shared/api.ts, where the API and the CLI check its
 * values), any part left to its default. Free text and explicit filters AND together.
 */
export type SearchRequest = Partial<Omit<SearchQuery, 'commit'>>;

/** Counts for the filter pickers; the API adds the config-derived parts of Facets. */
export type IndexFacets = Pick<Facets, 'staff' | 'sources' | 'types' | 'verbs'>;

/** The search engine over the whole retained log, kept current as entries are appended. */
export interface SearchEngine {
  /** Newest first, with total, histogram of all matches and what the text was understood as. */
  search(request: SearchRequest): Promise<SearchResponse>;
  /** Every match, newest first, for export. */
  matches(request: Partial<SearchFilters>): AsyncIterable<Entry>;
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
