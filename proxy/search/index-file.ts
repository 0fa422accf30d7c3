import { mkdir } from 'node:fs/promises';
import { dirname } from 'node:path';
import type { Store } from '../store/store.ts';
import type { BusinessDays } from './business-days.ts';
import { SearchIndex } from './search-index.ts';
import { SnapshotReader, SnapshotWriter } from './snapshot-file.ts';
import type { VocabularyOptions } from './vocabulary.ts';

/** Bumped whenever what the index holds, or how, changes: an older file is then rebuilt, not misread. */
const FORMAT = 3;

interface Meta {
  format: number;
  timezone: string;
  /** The last entry in the saved index; the log must still hold it, unchanged, for the file to be used. */
  seq: number;
  hash: string;
}

export interface IndexFileOptions {
  path: string;
  days: BusinessDays;
  timezone: string;
  vocabulary?: VocabularyOptions;
}

/**
 * The saved index, if it still describes the start of this log: same format and time zone (the
 * day column depends on it), and its last entry is still in the store with the same hash — the
 * chain makes that hash stand for every entry before it. Otherwise null, and the caller rebuilds.
 */
export async function loadIndexFile(store: Store, { path, days, timezone, vocabulary }: IndexFileOptions): Promise<SearchIndex | null> {
  const snapshot = await SnapshotReader.read(path);
  const meta = snapshot?.json<Meta>('meta');
  if (!snapshot || !meta || meta.format !== FORMAT || meta.timezone !== timezone || meta.seq > store.head().seq) return null;
  const [last] = await store.getMany([meta.seq]);
  if (last?.hash !== meta.hash) return null;
  try {
    return new SearchIndex(days, { vocabulary }, snapshot);
  } catch {
    return null;
  }
}

/** Saves the index as it is now; `hash` is the hash of its last entry. */
export async function saveIndexFile(index: SearchIndex, hash: string, { path, timezone }: IndexFileOptions): Promise<void> {
  const out = new SnapshotWriter();
  out.json('meta', { format: FORMAT, timezone, seq: index.lastSeq(), hash } satisfies Meta);
  index.save(out);
  await mkdir(dirname(path), { recursive: true });
  await out.writeTo(path);
}
