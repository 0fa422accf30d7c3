import { join } from 'node:path';
import type { SeqIndex } from './seq-index.ts';
import { listSegments, logDir } from './segment-files.ts';
import { lineChunks } from './line-scan.ts';
import { scanSegment } from './segment-scan.ts';

/** How far the index has read: the segment number and the byte offset in it. */
export interface LoadPosition {
  segment: number;
  offset: number;
}

export interface LoadResult {
  /** The newest complete line read in this pass, to take the chain head from. */
  lastLine: string | null;
  /** Bytes after the newest segment's last newline, at `position`: a torn write or one in progress. */
  tornBytes: number;
}

export interface LogLoaderOptions {
  dataDir: string;
  /** Segment names by number, shared with the writer and the readers. */
  segments: string[];
  index: SeqIndex;
  /** The name of the newest segment retention removed: it and older ones (a crash may have left them) are not read. Default none. */
  prunedThrough?: () => string;
  /** Called with each newly indexed seq. Default: nothing. */
  onSeq?: (seq: number) => void;
  /** Called with `<segment> byte <offset>` for each new line that holds no entry (garbage, no seq). Default: nothing. */
  onUnreadable?: (where: string) => void;
}

/**
 * Indexes the lines added to the log since the last call: at open it reads everything, and a
 * read-only store (tail, verify beside a running proxy) calls it again to pick up another
 * process's appends.
 */
export function createLogLoader({ dataDir, segments, index, prunedThrough = () => '', onSeq, onUnreadable }: LogLoaderOptions) {
  const position: LoadPosition = { segment: 0, offset: 0 };

  return {
    position,
    async load(): Promise<LoadResult> {
      const after = [segments.at(-1) ?? '', prunedThrough()].sort().at(-1) ?? ''; // of two, never undefined
      for (const name of await listSegments(dataDir)) if (!segments.includes(name) && name > after) segments.push(name);
      let lastLine: string | null = null;
      let tornBytes = 0;
      // The live iterator, like an index loop, also reaches segments pushed while this reads.
      for (const [n, name] of segments.entries()) {
        if (n < position.segment) continue;
        if (n > position.segment) {
          position.segment = n;
          position.offset = 0;
        }
        const result = await scanSegment(join(logDir(dataDir), name), position.offset, (line) => {
          // Seq 0 is what the scan gives a line it cannot read; say where, since no reader will ever see it.
          if (line.seq === 0) onUnreadable?.(`${name} byte ${line.offset}`);
          index.add(line.seq, n, line.offset, line.length, line.atMs);
          onSeq?.(line.seq);
        });
        position.offset = result.completeBytes;
        lastLine = result.lastLine ?? lastLine;
        tornBytes = result.tornBytes;
      }
      return { lastLine, tornBytes };
    },
  };
}

/**
 * Hands over every complete line of the segments, in file order, unparsed: the tree is built from the
 * bytes as they are. Only newlines are looked for (no seq or time read), since this runs over the whole
 * log at every start. `line` is a view into the read buffer, valid only during the call.
 */
export async function eachLine(dataDir: string, segments: readonly string[], onLine: (line: Buffer) => void): Promise<void> {
  const scratch = {};
  for (const name of segments) {
    for await (const chunk of lineChunks(join(logDir(dataDir), name), { scratch })) {
      chunk.eachLine((buffer, start, end) => onLine(buffer.subarray(start, end)));
    }
  }
}
