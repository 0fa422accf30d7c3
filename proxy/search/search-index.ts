import { AUDIT_LOG_SOURCE, type EntrySummary } from '../../shared/entry.ts';
import type { BusinessDays } from './business-days.ts';
import { Columns } from './columns.ts';
import { FacetCounts } from './facets.ts';
import { Interner } from './interner.ts';
import { Postings } from './postings.ts';
import { RecordHistory } from './record-history.ts';
import type { SnapshotReader, SnapshotWriter } from './snapshot-file.ts';
import { hashString } from './string-hash.ts';
import { TextIndex } from './text-index.ts';
import type { VocabularyOptions } from './vocabulary.ts';
import type { IndexFacets } from './types.ts';

/**
 * Everything the engine knows about the log, without keeping any Entry: columns per entry, postings
 * per word and per record type, the vocabulary, record history and facet counts. Entries are added
 * in seq order, each getting the next ordinal.
 */
export class SearchIndex {
  readonly columns: Columns;
  /** The words of the portals' entries: what searches find, and the only vocabulary typos are corrected against. */
  readonly portal: TextIndex;
  /**
   * The words of the admins' own activity (source Audit Log), apart: a search for "Smtih" writes an
   * entry holding "smtih", which must not become a word that stops the next search being corrected.
   */
  readonly audit: TextIndex;
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
    this.portal = new TextIndex(options.vocabulary, snapshot && { reader: snapshot, name: 'portal' });
    this.audit = new TextIndex(options.vocabulary, snapshot && { reader: snapshot, name: 'audit' });
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
    this.portal.save(out, 'portal');
    this.audit.save(out, 'audit');
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
    return this.columns.seq[this.columns.length - 1] ?? 0;
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

    const ownActivity = entry.source === AUDIT_LOG_SOURCE;
    (ownActivity ? this.audit : this.portal).add(entry, ordinal);
    const typesSeen = new Set<number>();
    for (const record of entry.records) {
      if (record.id !== null) this.records.add(record.type, record.id, ordinal);
      for (const related of record.related ?? []) this.records.add(related.type, related.id, ordinal);
      typesSeen.add(this.types.intern(record.type));
    }
    for (const type of typesSeen) {
      this.typePostings.add(type, ordinal);
      this.facetCounts.countType(type);
    }
    const isStaff = entry.memberKind === 'staff' || entry.memberKind === 'support';
    // An admin token is not portal staff, even when named like a portal user (older entries credited it so).
    const staffUsername = entry.username === null || ownActivity ? null : username;
    this.facetCounts.countEntry(staffUsername, member, isStaff, source, verb);
  }

  facets(): IndexFacets {
    return this.facetCounts.snapshot(this);
  }

  staffUsernames(): string[] {
    return this.facetCounts.staffUsernames(this.usernames);
  }
}
