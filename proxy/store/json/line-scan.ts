import { open, type FileHandle } from 'node:fs/promises';

/** Told about one complete, non-empty line: it is `buffer` from `start` to `end` (no newline), at `offset` in the file. */
export type OnLine = (buffer: Buffer, start: number, end: number, offset: number) => void;

/** One read's worth of complete lines. */
export interface LineChunk {
  /** Hands over this read's lines in order; `buffer` holds them only until the scan goes on. */
  eachLine(onLine: OnLine): void;
  /** File offset just past the last newline read so far. */
  completeBytes: number;
  /** Bytes after that newline: a line still being written, or one a crash tore. */
  tornBytes: number;
}

export interface LineScanOptions {
  /** Byte offset to start at. Default: 0. */
  from?: number;
  /** Holds the read buffer between scans, so a walk over many segments allocates once. Default: a buffer per scan. */
  scratch?: { buffer?: Buffer };
}

const CHUNK = 8 * 1024 * 1024;
const MIN_CHUNK = 64 * 1024;
const NEWLINE = 0x0a;

/**
 * The one line scanner over log segments: reads in large chunks, only up to the size the file has
 * when the scan starts (a writer may be appending; a device is not a log), and never hands over
 * what follows the last newline. A line longer than the buffer (a large captured body) grows it.
 * Lines come as byte ranges, so a caller that reads a few fields builds no strings.
 */
export async function* lineChunks(path: string, { from = 0, scratch = {} }: LineScanOptions = {}): AsyncGenerator<LineChunk> {
  const handle = await open(path, 'r');
  try {
    const stat = await handle.stat();
    const end = stat.isFile() ? stat.size : 0;
    // Sized to the file: a day segment is often far smaller than a chunk.
    let buffer = scratch.buffer ?? Buffer.allocUnsafe(Math.max(MIN_CHUNK, Math.min(CHUNK, end - from)));
    let filled = 0;
    let base = from;
    for (;;) {
      if (filled === buffer.length) {
        const bigger = Buffer.allocUnsafe(buffer.length * 2);
        buffer.copy(bigger, 0, 0, filled);
        buffer = bigger;
      }
      scratch.buffer = buffer;
      const want = Math.min(buffer.length - filled, end - base - filled);
      if (want <= 0) break;
      const { bytesRead } = await handle.read(buffer, filled, want, base + filled);
      if (bytesRead === 0) break;
      filled += bytesRead;
      const complete = buffer.lastIndexOf(NEWLINE, filled - 1) + 1;
      const view = buffer;
      const viewBase = base;
      yield {
        eachLine(onLine) {
          let start = 0;
          for (let nl = view.indexOf(NEWLINE, 0); nl !== -1 && nl < complete; nl = view.indexOf(NEWLINE, start)) {
            if (nl > start) onLine(view, start, nl, viewBase + start);
            start = nl + 1;
          }
        },
        completeBytes: base + complete,
        tornBytes: filled - complete,
      };
      buffer.copy(buffer, 0, complete, filled);
      base += complete;
      filled -= complete;
    }
  } finally {
    await handle.close();
  }
}

/** The line number (from 1) of the line that starts at byte `offset` of an open segment: one more than the newlines before it. */
export async function lineNumberAt(handle: FileHandle, offset: number): Promise<number> {
  const buffer = Buffer.allocUnsafe(Math.max(1, Math.min(CHUNK, offset)));
  let newlines = 0;
  for (let at = 0; at < offset;) {
    const { bytesRead } = await handle.read(buffer, 0, Math.min(buffer.length, offset - at), at);
    if (bytesRead === 0) break;
    const read = buffer.subarray(0, bytesRead);
    for (let nl = read.indexOf(NEWLINE); nl !== -1; nl = read.indexOf(NEWLINE, nl + 1)) newlines++;
    at += bytesRead;
  }
  return newlines + 1;
}
