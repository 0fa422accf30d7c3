import type { IncomingMessage } from 'node:http';
import type { CapturedBody } from './flow.ts';
import { parseBody } from './body-parse.ts';
import { readCapped, type CappedRead } from './body-read.ts';

export interface CaptureBodyOptions {
  /** Bytes of the body that are read and parsed; the rest is streamed on unread. Default 256 KiB. */
  limit?: number;
}

export interface CapturedStream {
  body: CapturedBody;
  read: CappedRead;
}

/**
 * Reads a request or response body up to the cap and parses what it read. The stream is left
 * paused after the captured head, so `replay(read, stream)` forwards the exact original bytes.
 */
export async function captureBody(stream: IncomingMessage, { limit = 256 * 1024 }: CaptureBodyOptions = {}): Promise<CapturedStream> {
  const read = await readCapped(stream, limit);
  const truncated = !read.ended;
  const declared = Number(stream.headers['content-length']);
  const size = Number.isFinite(declared) && declared > read.head.length ? declared : read.head.length;
  const data = truncated ? read.head.subarray(0, limit) : read.head;
  const body = await parseBody(data, { contentType: stream.headers['content-type'], size, truncated });
  return { body, read };
}
