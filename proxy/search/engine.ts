import { join } from 'node:path';
import { DEFAULT_SEARCH_LIMIT, type SearchResponse } from '../../shared/api.ts';
import type { Entry, EntrySummary } from '../../shared/entry.ts';
import { parseQuery } from '../../shared/query/parse.ts';
import type { ParsedQuery } from '../../shared/query/types.ts';
import type { Config } from '../config/schema.ts';
import type { Store } from '../store/store.ts';
import { createRelatedRecords } from '../capture/related-record.ts';
import { createBusinessDays } from './business-days.ts';
import { decodeCursor, encodeCursor } from './cursor.ts';
import { evaluate } from './evaluate.ts';
import { compileFilter, type CompiledFilter } from './filters.ts';
import { loadIndexFile, saveIndexFile } from './index-file.ts';
import { SearchIndex } from './search-index.ts';
import { hashString } from './string-hash.ts';
import type { SearchEngine, SearchRequest } from './types.ts';
import type { VocabularyOptions } from './vocabulary.ts';

export interface SearchEngineOptions {
  /** An opened store; the engine reads it whole once, then follows its appends. Required. */
  store: Store;
  /** `timezone` and `dateOrder` say how dates in the text and the histogram's days are read; the portals' sources help the parser recognise source names. Required. */
  config: Pick<Config, 'timezone' | 'dateOrder'> & Partial<Pick<Config, 'portals' | 'dataDir' | 'records'>>;
  /** The reference "now" for "today" and "3 days ago". Default `() => new Date()`. */
  now?: () => Date;
  /** Prefix policy of term expansion; see Vocabulary. Default: the word being typed matches the words it begins from 3 letters. */
  vocabulary?: VocabularyOptions;
  /** Entries fetched from the store per read while exporting. Default 500. */
  exportBatch?: number;
  /**
   * Where the index is saved so that a restart reads it back in about a second instead of indexing
   * the whole log again; null keeps it in memory only. Default `<config.dataDir>/search-index.bin`,
   * or null when the config has no dataDir.
   */
  indexFile?: string | null;
  /** The index is saved again in the background after this many new entries (and on close). Default 50,000. */
  saveEvery?: number;
  /** Told when the index file cannot be written (search keeps working). Default console.warn. */
  onNotice?: (message: string) => void;
}

/** Entries matched to a record's history by name alone (older entries without references), newest first, at most. */
const MAX_HISTORY_BY_NAME = 2000;

/** A store that can hand over just what the index keeps (the JSON driver); others are read with readSeq. */
type IndexScanStore = Store & { scanForIndex(from: number, onEntry: (entry: EntrySummary) => void): Promise<void> };
const hasIndexScan = (store: Store): store is IndexScanStore => typeof (store as Partial<IndexScanStore>).scanForIndex === 'function';

/**
 * The search engine over the whole log: an in-memory index of typed-array columns and postings
 * (see SearchIndex) built from the store at start and kept current through `store.subscribe`.
 * Entries themselves stay in the store; a page reads only its own entries with `getMany`.
 */
export async function createSearchEngine({
  store,
  config,
  now = () => new Date(),
  vocabulary,
  exportBatch = 500,
  indexFile = config.dataDir === undefined ? null : join(config.dataDir, 'search-index.bin'),
  saveEvery = 50_000,
  onNotice = (message) => console.warn(message),
}: SearchEngineOptions): Promise<SearchEngine> {
  const days = createBusinessDays(config.timezone);
  const related = createRelatedRecords(config.records ?? []);
  const fileOptions = indexFile === null ? null : { path: indexFile, days, timezone: config.timezone, vocabulary };
  const empty = () => new SearchIndex(days, { initialCapacity: store.head().seq + 1024, vocabulary });
  // Retention removes the oldest entries from the store; an index still holding them is rebuilt from the first kept one.
  const holdsRemoved = (ix: SearchIndex) => ix.size > 0 && (ix.columns.seq[0] ?? 0) < (store.retention()?.firstKeptSeq ?? 1);
  const saved = fileOptions === null ? null : await loadIndexFile(store, fileOptions);
  let index = saved && !holdsRemoved(saved) ? saved : empty();

  // Saving runs in the background, one at a time; `unsaved` counts entries added since the last one.
  let lastHash = '';
  let unsaved = 0;
  let saving: Promise<void> = Promise.resolve();
  function save(): void {
    if (fileOptions === null || unsaved === 0 || index.size === 0) return;
    unsaved = 0;
    const hash = lastHash;
    const ix = index;
    saving = saving.then(() => saveIndexFile(ix, hash, fileOptions)).catch((err: unknown) => onNotice(`Could not save the search index to ${fileOptions.path}: ${(err as Error).message}`));
  }

  // Subscribe before reading so no append is missed; appends seen during the read wait their turn,
  // and anything the read already covered is skipped by seq.
  let backlog: Entry[] | null = [];
  const addIfNew = (entry: EntrySummary, ix = index): void => {
    if (entry.seq <= ix.lastSeq()) return;
    ix.add(entry);
    lastHash = entry.hash;
    if (++unsaved >= saveEvery && backlog === null) save();
  };
  const unsubscribe = store.subscribe((entry) => (backlog === null ? addIfNew(entry) : backlog.push(entry)));
  /** Brings `ix` up to the head (appends meanwhile wait in the backlog), then makes it the index searched. */
  async function catchUp(ix: SearchIndex): Promise<void> {
    // From the first entry retention kept: the removed ones' segments are gone.
    const from = Math.max(ix.lastSeq() + 1, store.retention()?.firstKeptSeq ?? 1);
    // Only when there is something newer: asking a store to read from past its end can cost a full scan.
    if (store.head().seq >= from) {
      if (hasIndexScan(store)) await store.scanForIndex(from, (entry) => addIfNew(entry, ix));
      else for await (const entry of store.readSeq(from)) addIfNew(entry, ix);
    }
    for (const entry of backlog ?? []) addIfNew(entry, ix);
    index = ix;
    backlog = null;
    save();
  }
  await catchUp(index);

  // Pruning while running is noticed at the next request, which waits for the rebuild (once a day at most).
  let rebuilding: Promise<void> | null = null;
  function current(): Promise<void> {
    if (rebuilding === null && holdsRemoved(index)) {
      backlog = [];
      lastHash = '';
      unsaved = 0;
      rebuilding = catchUp(empty()).finally(() => (rebuilding = null));
    }
    return rebuilding ?? Promise.resolve();
  }

  function parse(q: string | undefined): ParsedQuery {
    const sources = new Set([...(config.portals ?? []).map((p) => p.source), ...index.facets().sources.map((s) => s.name)]);
    return parseQuery(q ?? '', {
      timezone: config.timezone,
      dateOrder: config.dateOrder,
      now: now(),
      usernames: index.staffUsernames(),
      sources: [...sources],
      types: index.facets().types.map((t) => t.name),
    });
  }

  /** `ix` is the index the ordinals came from: a rebuild may replace `index` while an export is paused. */
  async function fetch(ordinals: readonly number[], ix = index): Promise<Entry[]> {
    return store.getMany(ordinals.flatMap((o) => ix.columns.seq[o] ?? []));
  }

  return {
    async search(request: SearchRequest): Promise<SearchResponse> {
      await current();
      const limit = request.limit ?? DEFAULT_SEARCH_LIMIT;
      const cursor = request.cursor ? decodeCursor(request.cursor) : null;
      const upToSeq = cursor?.upTo ?? index.lastSeq();
      const parsed = parse(request.q);
      const filter = compileFilter(index, parsed, request, days);
      showReadings(parsed, filter.readings);
      const result = evaluate(index, filter, days, { beforeSeq: cursor?.before ?? upToSeq + 1, upToSeq, limit, bucket: request.bucket });
      const entries = await fetch(result.page);
      const last = entries.at(-1);
      return {
        entries,
        total: result.total,
        totalIsEstimate: false,
        nextCursor: result.hasMore && last ? encodeCursor({ before: last.seq, upTo: upToSeq }) : null,
        histogram: result.histogram,
        bucket: result.bucket,
        parsed,
      };
    },

    async *matches(request) {
      await current();
      const ix = index;
      const upToSeq = ix.lastSeq();
      const filter = compileFilter(ix, parse(request.q), request, days);
      const { page } = evaluate(ix, filter, days, { beforeSeq: upToSeq + 1, upToSeq, limit: Infinity });
      for (let i = 0; i < page.length; i += exportBatch) yield* await fetch(page.slice(i, i + exportBatch), ix);
    },

    async getById(id) {
      await current();
      // Ids are kept as 32-bit hashes (a map of a million ULID strings would cost ~100 MB); scanning
      // the hash column takes about a millisecond and the real entry settles collisions.
      const wanted = hashString(id);
      const { idHash, length } = index.columns;
      const hits: number[] = [];
      for (let o = length - 1; o >= 0; o--) if (idHash[o] === wanted) hits.push(o);
      return (await fetch(hits)).find((entry) => entry.id === id);
    },

    async recordHistory(type, id) {
      await current();
      const ix = index;
      const isIt = (r: { type: string; id: string | null }) => r.type === type && r.id === id;
      const found = (await fetch(ix.records.candidates(type, id), ix)).filter((entry) => entry.records.some((r) => isIt(r) || (r.related ?? []).some(isIt)));
      // Entries written before records kept references name their related record only: those of the
      // types the rules relate to this one (a student's enrollments) are matched by this record's names.
      const types = new Set(related.typesRelatedTo(type));
      const names = new Set(found.flatMap((entry) => entry.records.flatMap((r) => (isIt(r) && r.name !== null ? [r.name] : []))));
      if (types.size === 0 || names.size === 0) return found;
      const seen = new Set(found.map((entry) => entry.seq));
      const byName = [...names]
        .flatMap((name) => [...ix.portal.entriesNamed(name)])
        .filter((o) => !seen.has(ix.columns.seq[o] ?? 0))
        .sort((a, b) => b - a)
        .slice(0, MAX_HISTORY_BY_NAME);
      const older = (await fetch([...new Set(byName)], ix)).filter((entry) => entry.records.some((r) => types.has(r.type) && r.related === undefined && r.name !== null && names.has(r.name)));
      return [...found, ...older].sort((a, b) => b.seq - a.seq);
    },

    facets() {
      // Facets answer at once, from the index as it is until a rebuild they start is done.
      current().catch((err: unknown) => onNotice(`Could not rebuild the search index after retention: ${(err as Error).message}`));
      return index.facets();
    },

    async close() {
      await rebuilding;
      unsubscribe();
      save();
      await saving;
    },
  };
}

/** A chip whose word matched nothing as typed says how it was read: "Smtih → Smith". */
function showReadings(parsed: ParsedQuery, readings: CompiledFilter['readings']): void {
  for (const { chip, words } of readings) {
    const shown = parsed.chips[chip];
    if (!shown) continue;
    const capital = /^\p{Lu}/u.test(shown.label);
    const read = words.slice(0, 3).map((word) => (capital ? word.charAt(0).toUpperCase() + word.slice(1) : word));
    shown.label = `${shown.label} → ${read.join(' / ')}${words.length > 3 ? ' …' : ''}`;
  }
}
