import { PassThrough, type Readable } from 'node:stream';

/** The start of a stream, read up to a cap, and what became of the stream meanwhile. */
export interface CappedRead {
  /** Every byte read so far: the whole body when `ended`, else a little more than the cap. */
  head: Buffer;
  /** The stream ended within the cap, so `head` is the whole body. */
  ended: boolean;
  /** The stream failed or closed before its end (client went away). */
  aborted: boolean;
}

/**
 * Reads until the stream ends or more than `limit` bytes arrived, then pauses it, so a large body
 * is never held in memory: the caller forwards `head` followed by the rest (see `replay`).
 */
export function readCapped(stream: Readable, limit: number): Promise<CappedRead> {
  return new Promise((resolve) => {
    const chunks: Buffer[] = [];
    let size = 0;
    const finish = (ended: boolean, aborted: boolean) => {
      stream.pause();
      stream.off('data', onData);
      stream.off('end', onEnd);
      stream.off('error', onAbort);
      stream.off('close', onAbort);
      resolve({ head: Buffer.concat(chunks), ended, aborted });
    };
    const onData = (chunk: Buffer) => {
      chunks.push(chunk);
      size += chunk.length;
      if (size > limit) finish(false, false);
    };
    const onEnd = () => finish(true, false);
    const onAbort = () => finish(false, true);
    stream.on('data', onData);
    stream.once('end', onEnd);
    stream.once('error', onAbort);
    stream.once('close', onAbort);
    if (stream.readableEnded) finish(true, false);
  });
}

/** The original byte stream again: the captured head, then whatever the source still has. */
export function replay(read: CappedRead, source: Readable): Readable {
  const out = new PassThrough();
  out.write(read.head);
  if (read.ended) out.end();
  else source.pipe(out);
  return out;
}
