/* eslint-disable @typescript-eslint/no-non-null-assertion -- every `!` reads an offset or a list at a key of this same loop over the keys (0 ≤ i < keys.length), packing millions of postings. */
import type { SnapshotReader, SnapshotWriter } from './snapshot-file.ts';
import { U32List } from './u32-list.ts';

/**
 * An inverted index: for each key (a word id, a record type id) the ordinals of the entries that
 * have it, ascending because entries are added in ordinal order.
 */
export class Postings {
  /**
   * By key. Keys are ids handed out from 0 up, so an array serves where a Map would do: building
   * the index adds some ten million postings, and a Map lookup for each cost a few tenths of a second.
   */
  private readonly lists: Array<U32List | undefined> = [];

  add(key: number, ordinal: number): void {
    let list = this.lists[key];
    if (list === undefined) {
      list = new U32List();
      this.lists[key] = list;
    }
    // An entry that names the same word twice ("Smith" as member and as record) is listed once.
    if (list.last() !== ordinal) list.push(ordinal);
  }

  /** Ordinals with this key, ascending; a view that is valid until the next add. */
  get(key: number): Uint32Array {
    return this.lists[key]?.view() ?? EMPTY;
  }

  save(out: SnapshotWriter, name: string): void {
    const keys = this.lists.flatMap((list, key) => (list === undefined ? [] : [key]));
    const starts = new Uint32Array(keys.length + 1);
    keys.forEach((key, i) => (starts[i + 1] = starts[i]! + this.lists[key]!.length));
    const all = new Uint32Array(starts[keys.length]!);
    keys.forEach((key, i) => all.set(this.lists[key]!.view(), starts[i]));
    out.array(`${name}.keys`, Uint32Array.from(keys));
    out.array(`${name}.starts`, starts);
    out.array(`${name}.ordinals`, all);
  }

  static load(snapshot: SnapshotReader, name: string): Postings {
    const postings = new Postings();
    const keys = snapshot.array(`${name}.keys`, 'u32');
    const starts = snapshot.array(`${name}.starts`, 'u32');
    const all = snapshot.array(`${name}.ordinals`, 'u32');
    keys.forEach((key, i) => (postings.lists[key] = U32List.wrap(all.slice(starts[i], starts[i + 1]))));
    return postings;
  }
}

const EMPTY = new Uint32Array(0);
