import type { IncomingMessage } from 'node:http';
import type { CapturedBody } from './flow.ts';
import { decodeBody } from './body-decode.ts';
import { parseBody } from './body-parse.ts';
import { readCapped, type CappedRead } from './body-read.ts';

export interface CaptureBodyOptions {
  /** Bytes of the body that are read and parsed (after decoding, too); the rest is streamed on unread. Default 256 KiB. */
  limit?: number;
}

export interface CapturedStream {
  body: CapturedBody;
  read: CappedRead;
}

/**
 * Reads a request or response body up to the cap and parses what it read, decoded when it has a
 * Content-Encoding. The stream is left paused after the captured head, so `replay(read, stream)`
 * forwards the exact original bytes.
 */
export async function captureBody(stream: IncomingMessage, { limit = 256 * 1024 }: CaptureBodyOptions = {}): Promise<CapturedStream> {
  const read = await readCapped(stream, limit);
  let truncated = !read.ended;
  const declared = Number(stream.headers['content-length']);
  const size = Number.isFinite(declared) && declared > read.head.length ? declared : read.head.length;
  let data = truncated ? read.head.subarray(0, limit) : read.head;
  const notes: string[] = [];
  const encoding = stream.headers['content-encoding'];
  let contentType = stream.headers['content-type'];
  if (encoding && data.length > 0) {
    const decoded = await decodeBody(data, encoding, limit);
    if (!decoded) {
      notes.push(`body: encoded as ${encoding}, which capture does not read`);
      contentType = undefined;
    } else {
      if (decoded.truncated) notes.push(`body: decoded (${encoding}) larger than ${limit} bytes; only the first ${limit} read`);
      data = decoded.data;
      truncated ||= decoded.truncated;
    }
  }
  const body = await parseBody(data, { contentType, size, truncated });
  return { body: { ...body, notes: [...notes, ...(body.notes ?? [])] }, read };
}
