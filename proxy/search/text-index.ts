/* eslint-disable @typescript-eslint/no-non-null-assertion -- every `!` indexes nameWords or offsets at an id this index handed out or a loop bound over them, in the hot paths of indexing and phrase search. */
import type { EntrySummary } from '../../shared/entry.ts';
import { Interner } from './interner.ts';
import { intersect, union } from './ordinal-sets.ts';
import { Postings } from './postings.ts';
import type { SnapshotReader, SnapshotWriter } from './snapshot-file.ts';
import { tokenize } from './tokens.ts';
import { joinedDigits, valueTexts } from './entry-texts.ts';
import { Vocabulary, type VocabularyOptions } from './vocabulary.ts';

/** Distinct texts whose word ids are remembered; names repeat across entries, so most lookups hit. */
const WORD_CACHE_LIMIT = 100_000;
/** Longer values are searched word by word only, never as one name. */
const MAX_NAME_CHARS = 100;

/**
 * The words of a set of entries, searchable two ways:
 * - by word: word id → entries whose member, username, action, record names or change values contain it;
 * - by name: each distinct short text (a member name, a record name, a change value) with its words in
 *   order and its entries, so that the words of "John Smith" can be required to sit in ONE name
 *   rather than "John" in a record and "Smith" in the staff member's name.
 * Names are few (thousands) against a million entries, so intersecting their lists is cheap.
 */
export class TextIndex {
  readonly vocabulary: Vocabulary;
  /** Word id → ordinals. */
  readonly words: Postings;
  private readonly names: Interner;
  /** Name id → its word ids, in order. */
  private readonly nameWords: Uint32Array[];
  /** Word id → ids of the names holding it. */
  private readonly wordNames: Postings;
  /** Name id → ordinals. */
  private readonly nameEntries: Postings;
  private readonly wordCache = new Map<string, Uint32Array>();

  constructor(options: VocabularyOptions = {}, snapshot?: { reader: SnapshotReader; name: string }) {
    if (snapshot) {
      const { reader, name } = snapshot;
      this.vocabulary = Vocabulary.load(reader, options, `${name}.vocabulary`);
      this.words = Postings.load(reader, `${name}.words`);
      this.names = Interner.of(reader.json<string[]>(`${name}.names`));
      const starts = reader.array(`${name}.nameWords.starts`, 'u32');
      const all = reader.array(`${name}.nameWords.ids`, 'u32').slice();
      this.nameWords = Array.from({ length: starts.length - 1 }, (_, i) => all.subarray(starts[i], starts[i + 1]));
      this.wordNames = Postings.load(reader, `${name}.wordNames`);
      this.nameEntries = Postings.load(reader, `${name}.nameEntries`);
    } else {
      this.vocabulary = new Vocabulary(options);
      this.words = new Postings();
      this.names = new Interner();
      this.nameWords = [];
      this.wordNames = new Postings();
      this.nameEntries = new Postings();
    }
  }

  save(out: SnapshotWriter, name: string): void {
    this.vocabulary.save(out, `${name}.vocabulary`);
    this.words.save(out, `${name}.words`);
    out.json(`${name}.names`, this.names.all());
    const starts = new Uint32Array(this.nameWords.length + 1);
    this.nameWords.forEach((ids, i) => (starts[i + 1] = starts[i]! + ids.length));
    const all = new Uint32Array(starts[this.nameWords.length]!);
    this.nameWords.forEach((ids, i) => all.set(ids, starts[i]));
    out.array(`${name}.nameWords.starts`, starts);
    out.array(`${name}.nameWords.ids`, all);
    this.wordNames.save(out, `${name}.wordNames`);
    this.nameEntries.save(out, `${name}.nameEntries`);
  }

  add(entry: EntrySummary, ordinal: number): void {
    for (const text of [entry.username ?? '', entry.action]) this.addWords(text, ordinal);
    this.addName(entry.member, ordinal);
    for (const record of entry.records) if (record.name !== null) this.addName(record.name, ordinal);
    for (const value of valueTexts(entry.records)) {
      if (value.length <= MAX_NAME_CHARS) this.addName(value, ordinal);
      else this.addWords(value, ordinal);
    }
  }

  /** Entries holding any of the words. */
  entriesWithAny(wordIds: readonly number[], universe: number): Uint32Array {
    return union(
      wordIds.map((id) => this.words.get(id)),
      universe,
    );
  }

  /**
   * Ids of the names holding, for each set, one of its words; with `inOrder`, as consecutive words in
   * the sets' order (a quoted phrase).
   */
  namesHolding(sets: ReadonlyArray<readonly number[]>, inOrder: boolean): Uint32Array {
    let held: Uint32Array | null = null;
    for (const set of sets) {
      const list = union(
        set.map((id) => this.wordNames.get(id)),
        this.names.size,
      );
      held = held === null ? list : intersect(held, list);
      if (held.length === 0) return held;
    }
    if (held === null || !inOrder) return held ?? new Uint32Array(0);
    const wanted = sets.map((set) => new Set(set));
    return held.filter((nameId) => {
      const words = this.nameWords[nameId]!;
      for (let at = 0; at + wanted.length <= words.length; at++) if (wanted.every((set, i) => set.has(words[at + i]!))) return true;
      return false;
    });
  }

  /** Entries holding exactly this name (a member's or a record's), ascending. */
  entriesNamed(name: string): Uint32Array {
    const id = this.names.idOf(name);
    return id === undefined ? new Uint32Array(0) : this.nameEntries.get(id);
  }

  entriesOfNames(nameIds: Uint32Array, universe: number): Uint32Array {
    return union(
      Array.from(nameIds, (id) => this.nameEntries.get(id)),
      universe,
    );
  }

  private addName(text: string, ordinal: number): void {
    if (text === '') return;
    const before = this.names.size;
    const nameId = this.names.intern(text);
    if (nameId === before) {
      const ids = this.wordIds(text);
      this.nameWords.push(ids);
      for (const id of ids) this.wordNames.add(id, nameId);
    }
    this.nameEntries.add(nameId, ordinal);
    for (const id of this.nameWords[nameId]!) this.words.add(id, ordinal);
  }

  private addWords(text: string, ordinal: number): void {
    if (text === '') return;
    for (const id of this.wordIds(text)) this.words.add(id, ordinal);
  }

  /** The words of a text, plus its digits run together when it is a number written with separators. */
  private wordIds(text: string): Uint32Array {
    let ids = this.wordCache.get(text);
    if (ids === undefined) {
      const words = tokenize(text);
      const digits = joinedDigits(text);
      if (digits !== null && !words.includes(digits)) words.push(digits);
      ids = Uint32Array.from(words, (word) => this.vocabulary.add(word));
      // Action sentences vary more than names; start over rather than grow without bound.
      if (this.wordCache.size >= WORD_CACHE_LIMIT) this.wordCache.clear();
      this.wordCache.set(text, ids);
    }
    return ids;
  }
}
