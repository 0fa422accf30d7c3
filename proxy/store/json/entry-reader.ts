import { open, type FileHandle } from 'node:fs/promises';
import { join } from 'node:path';
import type { Entry } from '../../../shared/entry.ts';
import { parseStrictLine } from '../canonical-line.ts';
import { CorruptLogError } from '../errors.ts';
import type { StoredEntry } from '../store.ts';
import type { SeqIndex } from './seq-index.ts';
import { lineChunks, lineNumberAt } from './line-scan.ts';
import { logDir } from './segment-files.ts';

export interface EntryReaderOptions {
  dataDir: string;
  segments: readonly string[];
  index: SeqIndex;
  /** Number of the oldest segment still on disk: retention removes older ones. Default always 0. */
  firstSegment?: () => number;
  /** Entries read per positioned-read batch when iterating by time. Default 256. */
  batchSize?: number;
  /** Told about a line that is not an entry (altered on disk) when a read leaves it out. Default nothing. */
  onCorrupt?: (err: CorruptLogError) => void;
}

/** Reads entries back: by seq through the index, or by streaming the segments as they are on disk. */
export function createEntryReader({ dataDir, segments, index, firstSegment = () => 0, batchSize = 256, onCorrupt = () => undefined }: EntryReaderOptions) {
  const dir = logDir(dataDir);
  const handles = new Map<number, Promise<FileHandle>>();

  function handleFor(segment: number): Promise<FileHandle> {
    let handle = handles.get(segment);
    if (!handle) {
      const name = segments[segment];
      if (name === undefined) throw new Error(`segment ${segment} is not known`);
      handle = open(join(dir, name), 'r');
      handles.set(segment, handle);
    }
    return handle;
  }

  async function getMany(seqs: readonly number[]): Promise<Entry[]> {
    const found = await Promise.all(
      seqs.map(async (seq) => {
        const at = index.locate(seq);
        if (!at) return null;
        const buffer = Buffer.allocUnsafe(at.length);
        await (await handleFor(at.segment)).read(buffer, 0, at.length, at.offset);
        try {
          return parseStrictLine(buffer.toString('utf8'), `${segments[at.segment]} byte ${at.offset}`);
        } catch (err) {
          // One altered line must not fail every page that would show it: it is left out, and verify names it.
          if (!(err instanceof CorruptLogError)) throw err;
          onCorrupt(err);
          return null;
        }
      }),
    );
    return found.filter((entry): entry is Entry => entry !== null);
  }

  /** The segment file (its path) and line that the index places entry `seq` at. */
  async function whereIs(seq: number): Promise<string | null> {
    const at = index.locate(seq);
    const name = at ? segments[at.segment] : undefined;
    if (!at || name === undefined) return null;
    return `${join(dir, name)} line ${await lineNumberAt(await handleFor(at.segment), at.offset)}`;
  }

  /**
   * Streams the segments in file order, line by line, trusting nothing but the bytes: verify uses
   * this, so a deleted, inserted or swapped line shows up exactly as it is on disk. The index only
   * chooses the first segment to open. A line that is not an entry throws, unless `skipCorrupt`
   * (recovery, which must finish whatever the log holds) leaves it out.
   */
  async function* readStored(from: number, to = Number.POSITIVE_INFINITY, skipCorrupt = false): AsyncIterable<StoredEntry> {
    const oldest = firstSegment();
    const first = Math.max(oldest, from > 1 ? (index.locate(from)?.segment ?? oldest) : oldest);
    // The live iterator, like an index loop, also reaches segments appended while this reads.
    for (const [n, name] of segments.entries()) {
      if (n < first) continue;
      for await (const chunk of lineChunks(join(dir, name))) {
        // A read's lines are cut in one go and parsed as they are handed over (one async step per entry).
        const lines: string[] = [];
        const offsets: number[] = [];
        chunk.eachLine((buffer, start, end, offset) => {
          lines.push(buffer.toString('utf8', start, end));
          offsets.push(offset);
        });
        for (const [i, text] of lines.entries()) {
          let entry: Entry;
          try {
            entry = parseStrictLine(text, `${name} byte ${offsets[i]}`);
          } catch (err) {
            if (!skipCorrupt || !(err instanceof CorruptLogError)) throw err;
            onCorrupt(err);
            continue;
          }
          if (entry.seq > to) return;
          if (entry.seq >= from) yield { entry, line: text };
        }
      }
    }
  }

  async function* readSeq(from: number, to?: number): AsyncIterable<Entry> {
    for await (const { entry } of readStored(from, to)) yield entry;
  }

  async function* iterateTime(from?: Date, to?: Date): AsyncIterable<Entry> {
    const lo = from ? from.getTime() : Number.NEGATIVE_INFINITY;
    const hi = to ? to.getTime() : Number.POSITIVE_INFINITY;
    const seqs: number[] = [];
    for (let seq = 1; seq <= index.maxSeq(); seq++) {
      const at = index.atMs(seq);
      if (at >= lo && at < hi) seqs.push(seq);
    }
    // Requests finish out of order, so seq order is only nearly time order.
    seqs.sort((a, b) => index.atMs(a) - index.atMs(b) || a - b);
    for (let i = 0; i < seqs.length; i += batchSize) yield* await getMany(seqs.slice(i, i + batchSize));
  }

  /** Closes the handles of segments before `segment` (deleted by retention), so their disk space is freed. */
  async function releaseBefore(segment: number): Promise<void> {
    const gone = [...handles].filter(([n]) => n < segment);
    for (const [n] of gone) handles.delete(n);
    await Promise.all(gone.map(async ([, h]) => (await h.catch(() => null))?.close()));
  }

  async function close(): Promise<void> {
    const all = [...handles.values()];
    handles.clear();
    await Promise.all(all.map(async (h) => (await h.catch(() => null))?.close()));
  }

  return { getMany, whereIs, readSeq, readStored, iterateTime, releaseBefore, close };
}
