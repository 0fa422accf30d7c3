import { boundedEditDistance } from '../../shared/edit-distance.ts';
import { Interner } from './interner.ts';
import type { SnapshotReader, SnapshotWriter } from './snapshot-file.ts';

export interface VocabularyOptions {
  /** Terms at least this long also match the words they begin ("smi" → smith). Default 3. */
  minPrefixLength?: number;
  /**
   * A vocabulary word that is itself the term gets fuzzy neighbours only when a neighbour is this many
   * times more frequent, i.e. when the term is more likely a typo that happens to be a word. Default 10.
   */
  typoDominance?: number;
}

/** How far a term of this length may be from a word and still match it. */
export function maxTypos(length: number): number {
  if (length <= 2) return 0;
  if (length <= 5) return 1;
  return 2;
}

/**
 * Every distinct word the index has seen (names, usernames, action words), with fuzzy expansion of a
 * query term into the words it should match. The vocabulary is small — thousands of words against a
 * million entries — so comparing a term with every word of a similar length takes well under a
 * millisecond, and the postings of the chosen words then give the entries.
 *
 * Expansion policy: the exact word, the words it is a prefix of, and words within `maxTypos` edits.
 * When the term is itself a word, its fuzzy neighbours are left out unless one is far more frequent
 * (see `typoDominance`): "smith" should not also bring every "smyth", but "smyth" written once by
 * mistake, or "jhon", still finds the thousands of "john" entries. Typos never lose an entry;
 * correct spellings are not drowned.
 */
export class Vocabulary {
  private readonly words = new Interner();
  private readonly byLength: number[][] = [];
  private readonly minPrefixLength: number;
  private readonly typoDominance: number;

  constructor({ minPrefixLength = 3, typoDominance = 10 }: VocabularyOptions = {}) {
    this.minPrefixLength = minPrefixLength;
    this.typoDominance = typoDominance;
  }

  save(out: SnapshotWriter): void {
    out.json('vocabulary', this.words.all());
  }

  static load(snapshot: SnapshotReader, options: VocabularyOptions = {}): Vocabulary {
    const vocabulary = new Vocabulary(options);
    for (const word of snapshot.json<string[]>('vocabulary')) vocabulary.add(word);
    return vocabulary;
  }

  /** The id of a word, adding it when new. */
  add(word: string): number {
    const before = this.words.size;
    const id = this.words.intern(word);
    if (id === before) (this.byLength[word.length] ??= []).push(id);
    return id;
  }

  get size(): number {
    return this.words.size;
  }

  word(id: number): string {
    return this.words.valueOf(id);
  }

  /**
   * Ids of the words a query term (already tokenized) matches. `frequency` gives a word's number of
   * entries, for the typo policy.
   */
  expand(term: string, frequency: (id: number) => number): number[] {
    const exact = this.words.idOf(term);
    const found = new Set<number>();
    if (exact !== undefined) found.add(exact);
    if (term.length >= this.minPrefixLength) {
      for (let length = term.length + 1; length < this.byLength.length; length++) {
        for (const id of this.byLength[length] ?? []) if (this.words.valueOf(id).startsWith(term)) found.add(id);
      }
    }
    // A mistyped number is another number: digits match exactly or as a prefix only.
    const typos = /^\d+$/.test(term) ? 0 : maxTypos(term.length);
    if (typos === 0) return [...found];
    const floor = exact === undefined ? 0 : frequency(exact) * this.typoDominance;
    // A typo of a prefix is a prefix of a typo: when prefixes count, so do longer words whose start is close.
    const prefix = term.length >= this.minPrefixLength;
    const longest = prefix ? this.byLength.length - 1 : term.length + typos;
    for (let length = Math.max(1, term.length - typos); length <= longest; length++) {
      for (const id of this.byLength[length] ?? []) {
        if (found.has(id)) continue;
        if (exact !== undefined && frequency(id) < floor) continue;
        if (boundedEditDistance(term, this.words.valueOf(id), typos, prefix) <= typos) found.add(id);
      }
    }
    return [...found];
  }
}
