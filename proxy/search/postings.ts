import { U32List } from './u32-list.ts';

/**
 * An inverted index: for each key (a word id, a record type id) the ordinals of the entries that
 * have it, ascending because entries are added in ordinal order.
 */
export class Postings {
  private readonly lists = new Map<number, U32List>();

  add(key: number, ordinal: number): void {
    let list = this.lists.get(key);
    if (list === undefined) {
      list = new U32List();
      this.lists.set(key, list);
    }
    // An entry that names the same word twice ("Smith" as member and as record) is listed once.
    if (list.last() !== ordinal) list.push(ordinal);
  }

  /** Ordinals with this key, ascending; a view that is valid until the next add. */
  get(key: number): Uint32Array {
    return this.lists.get(key)?.view() ?? EMPTY;
  }

  count(key: number): number {
    return this.lists.get(key)?.length ?? 0;
  }
}

const EMPTY = new Uint32Array(0);
