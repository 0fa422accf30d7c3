import type { SnapshotReader, SnapshotWriter } from './snapshot-file.ts';
import { hashString } from './string-hash.ts';
import { U32List } from './u32-list.ts';

/**
 * Which entries affected which record. A map keyed by "type:id" would hold hundreds of thousands of
 * strings (every payment is its own record); instead each (record, entry) pair is two numbers — a
 * hash of the key and the entry's ordinal — and a lookup scans the hashes, a millisecond or two at a
 * million pairs. Callers check the entries themselves, so a hash collision cannot add a wrong entry.
 */
export class RecordHistory {
  private keys = new U32List(1024);
  private ordinals = new U32List(1024);

  add(type: string, id: string, ordinal: number): void {
    const key = recordKey(type, id);
    const last = this.keys.length - 1;
    // A request that touches one record twice lists the entry once.
    if (last >= 0 && this.keys.get(last) === key && this.ordinals.get(last) === ordinal) return;
    this.keys.push(key);
    this.ordinals.push(ordinal);
  }

  save(out: SnapshotWriter): void {
    out.array('records.keys', this.keys.view());
    out.array('records.ordinals', this.ordinals.view());
  }

  static load(snapshot: SnapshotReader): RecordHistory {
    const history = new RecordHistory();
    history.keys = U32List.wrap(snapshot.array('records.keys', 'u32').slice());
    history.ordinals = U32List.wrap(snapshot.array('records.ordinals', 'u32').slice());
    return history;
  }

  /** Ordinals of the entries that may have affected the record, newest first. */
  candidates(type: string, id: string): number[] {
    const key = recordKey(type, id);
    const keys = this.keys.view();
    const found: number[] = [];
    for (let i = keys.length - 1; i >= 0; i--) if (keys[i] === key) found.push(this.ordinals.get(i));
    return found;
  }
}

function recordKey(type: string, id: string): number {
  return hashString(`${type}\u0000${id}`);
}
