import { allowedEdits, nearestTypos } from '../../shared/query/typo-policy.ts';
import { Interner } from './interner.ts';
import type { SnapshotReader, SnapshotWriter } from './snapshot-file.ts';

export interface VocabularyOptions {
  /** The word being typed (the last one) also matches the words it begins, from this many letters ("smi" → smith). Default 3. */
  minPrefixLength?: number;
}

/** What a query word was read as: the vocabulary words it matches, and whether that took a correction. */
export interface Expansion {
  ids: number[];
  /** True when the word as typed matched nothing and the ids are its nearest typo corrections. */
  corrected: boolean;
}

/**
 * Every distinct word the index has seen (names, usernames, action words, change values), with the
 * expansion of a query word into the words it should match. The vocabulary is small — thousands of
 * words against a million entries — so comparing a word with every word of a similar length takes well
 * under a millisecond, and the postings of the chosen words then give the entries.
 *
 * Expansion policy (shared/query/typo-policy.ts has the typo rules):
 * - a word the vocabulary holds matches itself only: it is not widened to its neighbours ("smith" never
 *   brings "smyth"), which is what keeps real names apart;
 * - only the word being typed (the last one) also matches the words it begins ("garc" → garcia);
 * - a word that matches nothing as typed matches its nearest words within its allowed edits, and a
 *   short one (up to 3 letters) its words with one letter left out ("jhn" → john);
 * - digits never take typos: a mistyped number is another number.
 */
export class Vocabulary {
  private readonly words = new Interner();
  private readonly byLength: number[][] = [];
  private readonly minPrefixLength: number;

  constructor({ minPrefixLength = 3 }: VocabularyOptions = {}) {
    this.minPrefixLength = minPrefixLength;
  }

  save(out: SnapshotWriter, name = 'vocabulary'): void {
    out.json(name, this.words.all());
  }

  static load(snapshot: SnapshotReader, options: VocabularyOptions = {}, name = 'vocabulary'): Vocabulary {
    const vocabulary = new Vocabulary(options);
    for (const word of snapshot.json<string[]>(name)) vocabulary.add(word);
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

  /** The id of exactly this word, if the vocabulary has it. */
  idOf(word: string): number | undefined {
    return this.words.idOf(word);
  }

  /** The words a query word (already tokenized) matches; `typing` when it is the last word of the text. */
  expand(term: string, { typing = false }: { typing?: boolean } = {}): Expansion {
    const found: number[] = [];
    const exact = this.words.idOf(term);
    if (exact !== undefined) found.push(exact);
    if (typing && term.length >= this.minPrefixLength) {
      for (let length = term.length + 1; length < this.byLength.length; length++) {
        for (const id of this.byLength[length] ?? []) if (this.words.valueOf(id).startsWith(term)) found.push(id);
      }
    }
    if (found.length > 0) return { ids: found, corrected: false };

    // Only words of a length within reach can be typos of it (one letter longer for a short word's missing letter).
    const max = allowedEdits(term);
    const near: number[] = [];
    for (let length = Math.max(1, term.length - max); length <= term.length + Math.max(max, 1); length++) near.push(...(this.byLength[length] ?? []));
    const nearest = nearestTypos(term, near, (id) => this.words.valueOf(id));
    return { ids: nearest, corrected: nearest.length > 0 };
  }
}
