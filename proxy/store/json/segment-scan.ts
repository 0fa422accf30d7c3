import { open } from 'node:fs/promises';

/** One complete line of a segment, found without parsing the whole JSON. */
export interface ScannedLine {
  offset: number;
  /** Bytes of the line without its newline. */
  length: number;
  seq: number;
  atMs: number;
}

export interface ScanResult {
  /** File offset just past the last newline. */
  completeBytes: number;
  /** Bytes after the last newline: a write torn by a crash. */
  tornBytes: number;
  /** The last complete line's text, to read the chain head from. */
  lastLine: string | null;
}

const CHUNK = 8 * 1024 * 1024;
const SEQ_KEY = Buffer.from(',"seq":');
const AT_KEY = Buffer.from(',"at":"');
const NEWLINE = 0x0a;

/**
 * Reads a segment in large chunks and reports every complete line's seq and time, read straight
 * from the canonical line's bytes; a line shaped otherwise (edited by hand) falls back to JSON.parse
 * (readers refuse such a line; this only places it). Opening a million entries this way
 * takes about a second instead of the many seconds a per-line parse would.
 */
export async function scanSegment(path: string, from: number, onLine: (line: ScannedLine) => void): Promise<ScanResult> {
  const handle = await open(path, 'r');
  try {
    // Read only up to the size seen now: a writer may be appending, and a device is not a log.
    const stat = await handle.stat();
    const end = stat.isFile() ? stat.size : 0;
    // Sized to the file: a day segment is often far smaller than a chunk.
    let buffer = Buffer.allocUnsafe(Math.max(64 * 1024, Math.min(CHUNK, end - from)));
    let filled = 0;
    let base = from;
    let lastLine: string | null = null;
    for (;;) {
      if (filled === buffer.length) {
        const bigger = Buffer.allocUnsafe(buffer.length * 2);
        buffer.copy(bigger, 0, 0, filled);
        buffer = bigger;
      }
      const want = Math.min(buffer.length - filled, end - base - filled);
      if (want <= 0) break;
      const { bytesRead } = await handle.read(buffer, filled, want, base + filled);
      if (bytesRead === 0) break;
      filled += bytesRead;
      let start = 0;
      let lastStart = -1;
      let lastEnd = -1;
      for (let nl = buffer.indexOf(NEWLINE, 0); nl !== -1 && nl < filled; nl = buffer.indexOf(NEWLINE, start)) {
        if (nl > start) {
          const line = readLine(buffer, start, nl);
          onLine({ offset: base + start, length: nl - start, seq: line.seq, atMs: line.atMs });
          lastStart = start;
          lastEnd = nl;
        }
        start = nl + 1;
      }
      if (lastStart !== -1) lastLine = buffer.toString('utf8', lastStart, lastEnd);
      buffer.copy(buffer, 0, start, filled);
      base += start;
      filled -= start;
    }
    return { completeBytes: base, tornBytes: filled, lastLine };
  } finally {
    await handle.close();
  }
}

function readLine(buffer: Buffer, start: number, end: number): { seq: number; atMs: number } {
  // Canonical order puts `at` right after `action` (a string) and `seq` after the records, followed
  // only by plain values: the first `,"at":"` and the last `,"seq":` are the entry's own.
  const atAt = buffer.indexOf(AT_KEY, start);
  const seqAt = atAt !== -1 && atAt < end ? buffer.lastIndexOf(SEQ_KEY, end) : -1;
  if (seqAt > atAt) {
    let seq = 0;
    for (let i = seqAt + SEQ_KEY.length; i < end; i++) {
      // eslint-disable-next-line @typescript-eslint/no-non-null-assertion -- i < end, a newline's index in `buffer`; runs per byte of every line at start
      const c = buffer[i]!;
      if (c < 0x30 || c > 0x39) break;
      seq = seq * 10 + (c - 0x30);
    }
    const atStart = atAt + AT_KEY.length;
    const atMs = Date.parse(buffer.toString('latin1', atStart, atStart + 24));
    if (seq > 0 && !Number.isNaN(atMs)) return { seq, atMs };
  }
  try {
    const parsed = JSON.parse(buffer.toString('utf8', start, end)) as { seq?: unknown; at?: unknown };
    return { seq: typeof parsed.seq === 'number' ? parsed.seq : 0, atMs: Date.parse(String(parsed.at)) };
  } catch {
    return { seq: 0, atMs: Number.NaN };
  }
}
