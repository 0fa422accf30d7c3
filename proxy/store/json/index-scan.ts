import { join } from 'node:path';
import type { EntrySummary } from '../../../shared/entry.ts';
import { CorruptLogError } from '../errors.ts';
import { IndexFieldReader } from './index-fields.ts';
import { lineChunks } from './line-scan.ts';
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
  const scratch = {};
  // The live iterator, like an index loop, also reaches segments appended while this reads.
  for (const [n, name] of segments.entries()) {
    if (n < first) continue;
    for await (const chunk of lineChunks(join(dir, name), { scratch })) {
      chunk.eachLine((buffer, start, end, offset) => {
        let entry: EntrySummary | null = null;
        try {
          entry = reader.read(buffer, start, end, `${name} byte ${offset}`);
        } catch (err) {
          if (!onCorrupt || !(err instanceof CorruptLogError)) throw err;
          onCorrupt(err);
        }
        if (entry && entry.seq >= from) onEntry(entry);
      });
    }
  }
}
