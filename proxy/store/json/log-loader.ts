import { open } from 'node:fs/promises';
import { join } from 'node:path';
import type { SeqIndex } from './seq-index.ts';
import { listSegments, logDir } from './segment-files.ts';
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
}

/**
 * Indexes the lines added to the log since the last call: at open it reads everything, and a
 * read-only store (tail, verify beside a running proxy) calls it again to pick up another
 * process's appends.
 */
export function createLogLoader({ dataDir, segments, index, prunedThrough = () => '', onSeq }: LogLoaderOptions) {
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

const CHUNK = 8 * 1024 * 1024;

/**
 * Hands over every complete line of the segments, in file order, unparsed: the tree is built from the
 * bytes as they are. Only newlines are looked for (no seq or time read), since this runs over the whole
 * log at every start. `line` is a view into the read buffer, valid only during the call.
 */
export async function eachLine(dataDir: string, segments: readonly string[], onLine: (line: Buffer) => void): Promise<void> {
  let buffer = Buffer.allocUnsafe(CHUNK);
  for (const name of segments) {
    const handle = await open(join(logDir(dataDir), name), 'r');
    try {
      let filled = 0;
      for (;;) {
        if (filled === buffer.length) buffer = Buffer.concat([buffer, Buffer.allocUnsafe(buffer.length)]);
        const { bytesRead } = await handle.read(buffer, filled, buffer.length - filled, null);
        if (bytesRead === 0) break;
        filled += bytesRead;
        let start = 0;
        for (let nl = buffer.indexOf(0x0a, 0); nl !== -1 && nl < filled; nl = buffer.indexOf(0x0a, start)) {
          if (nl > start) onLine(buffer.subarray(start, nl));
          start = nl + 1;
        }
        buffer.copy(buffer, 0, start, filled);
        filled -= start;
      }
    } finally {
      await handle.close();
    }
  }
}
