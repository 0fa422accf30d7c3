import { lineChunks } from './line-scan.ts';

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

const SEQ_KEY = Buffer.from(',"seq":');
const AT_KEY = Buffer.from(',"at":"');

/**
 * Reads a segment in large chunks and reports every complete line's seq and time, read straight
 * from the canonical line's bytes; a line shaped otherwise (edited by hand) falls back to JSON.parse
 * (readers refuse such a line; this only places it). Opening a million entries this way
 * takes about a second instead of the many seconds a per-line parse would.
 */
export async function scanSegment(path: string, from: number, onLine: (line: ScannedLine) => void): Promise<ScanResult> {
  let result: ScanResult = { completeBytes: from, tornBytes: 0, lastLine: null };
  for await (const chunk of lineChunks(path, { from })) {
    const last = { buffer: undefined as Buffer | undefined, start: 0, end: 0 };
    chunk.eachLine((buffer, start, end, offset) => {
      const line = readLine(buffer, start, end);
      onLine({ offset, length: end - start, seq: line.seq, atMs: line.atMs });
      last.buffer = buffer;
      last.start = start;
      last.end = end;
    });
    // One string per read, not per line: only the newest line's text is kept.
    const lastLine = last.buffer?.toString('utf8', last.start, last.end) ?? result.lastLine;
    result = { completeBytes: chunk.completeBytes, tornBytes: chunk.tornBytes, lastLine };
  }
  return result;
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
