import type { EntrySummary } from '../../shared/entry.ts';
import type { BusinessDays } from './business-days.ts';
import { Columns } from './columns.ts';
import { FacetCounts } from './facets.ts';
import { Interner } from './interner.ts';
import { Postings } from './postings.ts';
import { RecordHistory } from './record-history.ts';
import type { SnapshotReader, SnapshotWriter } from './snapshot-file.ts';
import { hashString } from './string-hash.ts';
import { tokenize } from './tokens.ts';
import { Vocabulary, type VocabularyOptions } from './vocabulary.ts';
import type { IndexFacets } from './types.ts';

/** Distinct texts whose word ids are remembered; names repeat across entries, so most lookups hit. */
const WORD_CACHE_LIMIT = 100_000;

/**
 * Everything the engine knows about the log, without keeping any Entry: columns per entry, postings
 * per word and per record type, the vocabulary, record history and facet counts. Entries are added
 * in seq order, each getting the next ordinal.
 */
export class SearchIndex {
  readonly columns: Columns;
  readonly vocabulary: Vocabulary;
  /** Word id → ordinals of entries whose member, username, record names or action contain the word. */
  readonly words: Postings;
  /** Record type id → ordinals of entries that affected a record of that type. */
  readonly typePostings: Postings;
  readonly records: RecordHistory;
  readonly members: Interner;
  readonly usernames: Interner;
  readonly sources: Interner;
  readonly verbs: Interner;
  readonly ips: Interner;
  readonly types: Interner;
  private readonly facetCounts: FacetCounts;
  private readonly wordCache = new Map<string, number[]>();
  /** Smallest and largest business day seen, to size histograms. */
  minDay = Number.POSITIVE_INFINITY;
  maxDay = Number.NEGATIVE_INFINITY;

  constructor(
    private readonly days: BusinessDays,
    options: { initialCapacity?: number; vocabulary?: VocabularyOptions } = {},
    snapshot?: SnapshotReader,
  ) {
    const names = (name: string) => (snapshot ? Interner.of(snapshot.json<string[]>(`names.${name}`)) : new Interner());
    this.columns = snapshot ? Columns.load(snapshot) : new Columns(options.initialCapacity);
    this.vocabulary = snapshot ? Vocabulary.load(snapshot, options.vocabulary) : new Vocabulary(options.vocabulary);
    this.words = snapshot ? Postings.load(snapshot, 'words') : new Postings();
    this.typePostings = snapshot ? Postings.load(snapshot, 'types') : new Postings();
    this.records = snapshot ? RecordHistory.load(snapshot) : new RecordHistory();
    this.facetCounts = snapshot ? FacetCounts.load(snapshot) : new FacetCounts();
    this.members = names('members');
    this.usernames = names('usernames');
    this.sources = names('sources');
    this.verbs = names('verbs');
    this.ips = names('ips');
    this.types = names('types');
    if (snapshot) [this.minDay, this.maxDay] = snapshot.json<[number, number]>('days');
  }

  /** Writes everything but the caches; `new SearchIndex(days, options, snapshot)` reads it back. */
  save(out: SnapshotWriter): void {
    this.columns.save(out);
    this.vocabulary.save(out);
    this.words.save(out, 'words');
    this.typePostings.save(out, 'types');
    this.records.save(out);
    this.facetCounts.save(out);
    const names = { members: this.members, usernames: this.usernames, sources: this.sources, verbs: this.verbs, ips: this.ips, types: this.types };
    for (const [name, interner] of Object.entries(names)) out.json(`names.${name}`, interner.all());
    out.json('days', [this.minDay, this.maxDay]);
  }

  get size(): number {
    return this.columns.length;
  }

  /** The highest seq indexed, 0 when empty. */
  lastSeq(): number {
    return this.columns.length === 0 ? 0 : this.columns.seq[this.columns.length - 1]!;
  }

  add(entry: EntrySummary): void {
    const atMs = Date.parse(entry.at);
    const day = this.days.dayOf(atMs);
    const member = this.members.intern(entry.member);
    // No username is interned as "" rather than marked with an out-of-range id: every id column then
    // indexes its filter's lookup table in bounds, which keeps V8's scan loop on its fast path.
    const username = this.usernames.intern(entry.username ?? '');
    const source = this.sources.intern(entry.source);
    const verb = this.verbs.intern(entry.verb);
    const ordinal = this.columns.push({
      seq: entry.seq,
      atMs,
      day,
      member,
      username,
      source,
      verb,
      ip: this.ips.intern(entry.ip),
      idHash: hashString(entry.id),
    });
    if (day < this.minDay) this.minDay = day;
    if (day > this.maxDay) this.maxDay = day;

    for (const text of [entry.member, entry.username ?? '', entry.action]) this.addWords(text, ordinal);
    const typesSeen = new Set<number>();
    for (const record of entry.records) {
      if (record.name !== null) this.addWords(record.name, ordinal);
      if (record.id !== null) this.records.add(record.type, record.id, ordinal);
      typesSeen.add(this.types.intern(record.type));
    }
    for (const type of typesSeen) {
      this.typePostings.add(type, ordinal);
      this.facetCounts.countType(type);
    }
    const isStaff = entry.memberKind === 'staff' || entry.memberKind === 'support';
    this.facetCounts.countEntry(entry.username === null ? null : username, member, isStaff, source, verb);
  }

  /** Number of entries containing a word, for the vocabulary's typo policy. */
  readonly wordFrequency = (wordId: number): number => this.words.count(wordId);

  facets(): IndexFacets {
    return this.facetCounts.snapshot(this);
  }

  staffUsernames(): string[] {
    return this.facetCounts.staffUsernames(this.usernames);
  }

  private addWords(text: string, ordinal: number): void {
    if (text === '') return;
    let ids = this.wordCache.get(text);
    if (ids === undefined) {
      ids = tokenize(text).map((word) => this.vocabulary.add(word));
      // Action sentences vary more than names; start over rather than grow without bound.
      if (this.wordCache.size >= WORD_CACHE_LIMIT) this.wordCache.clear();
      this.wordCache.set(text, ids);
    }
    for (const id of ids) this.words.add(id, ordinal);
  }
}
