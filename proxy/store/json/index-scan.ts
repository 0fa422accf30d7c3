import { open } from 'node:fs/promises';
import { join } from 'node:path';
import type { EntrySummary } from '../../../shared/entry.ts';
import { CorruptLogError } from '../errors.ts';
import { IndexFieldReader } from './index-fields.ts';
import type { SeqIndex } from './seq-index.ts';
import { logDir } from './segment-files.ts';

export interface IndexScanOptions {
  dataDir: string;
  segments: readonly string[];
  index: SeqIndex;
  /** The first segment retention kept; older ones may still be on disk but are not read. */
  firstSegment: () => number;
  /** Told about each line that is not an entry (altered on disk); it is skipped so the rest stays searchable. Default: it throws. */
  onCorrupt?: (err: CorruptLogError) => void;
}

const CHUNK = 8 * 1024 * 1024;
const NEWLINE = 0x0a;

/**
 * Hands a search index every entry from seq `from` on, as the fields it keeps, read from the
 * segments in large chunks. This is the first start's fast path: compared with `readSeq` it builds
 * no whole entries and no per-line strings, which at a million entries is several seconds.
 */
export async function scanForIndex({ dataDir, segments, index, firstSegment, onCorrupt }: IndexScanOptions, from: number, onEntry: (entry: EntrySummary) => void): Promise<void> {
  const dir = logDir(dataDir);
  const oldest = firstSegment();
  const first = Math.max(oldest, from > 1 ? (index.locate(from)?.segment ?? oldest) : oldest);
  const reader = new IndexFieldReader();
  let buffer = Buffer.allocUnsafe(CHUNK);
  // The live iterator, like an index loop, also reaches segments appended while this reads.
  for (const [n, name] of segments.entries()) {
    if (n < first) continue;
    const handle = await open(join(dir, name), 'r');
    try {
      let filled = 0;
      let base = 0;
      for (;;) {
        // A line longer than the buffer (a large captured body) grows it.
        if (filled === buffer.length) {
          const bigger = Buffer.allocUnsafe(buffer.length * 2);
          buffer.copy(bigger, 0, 0, filled);
          buffer = bigger;
        }
        const { bytesRead } = await handle.read(buffer, filled, buffer.length - filled, base + filled);
        if (bytesRead === 0) break;
        filled += bytesRead;
        let start = 0;
        for (let nl = buffer.indexOf(NEWLINE, 0); nl !== -1 && nl < filled; nl = buffer.indexOf(NEWLINE, start)) {
          if (nl > start) {
            let entry: EntrySummary | null = null;
            try {
              entry = reader.read(buffer, start, nl, `${segments[n]} byte ${base + start}`);
            } catch (err) {
              if (!onCorrupt || !(err instanceof CorruptLogError)) throw err;
              onCorrupt(err);
            }
            if (entry && entry.seq >= from) onEntry(entry);
          }
          start = nl + 1;
        }
        // What follows the last newline is a line still being written: kept for the next read, and
        // left out if the file ends there, as readSeq does.
        buffer.copy(buffer, 0, start, filled);
        base += start;
        filled -= start;
      }
    } finally {
      await handle.close();
    }
  }
}
