import zlib from 'node:zlib';
import type { Transform } from 'node:stream';

/** Decoders for the Content-Encodings capture reads; each tolerates input cut off by the capture cap. */
const DECODERS: Record<string, () => Transform> = {
  gzip: () => zlib.createGunzip({ finishFlush: zlib.constants.Z_SYNC_FLUSH }),
  'x-gzip': () => zlib.createGunzip({ finishFlush: zlib.constants.Z_SYNC_FLUSH }),
  deflate: () => zlib.createInflate({ finishFlush: zlib.constants.Z_SYNC_FLUSH }),
  br: () => zlib.createBrotliDecompress({ finishFlush: zlib.constants.BROTLI_OPERATION_FLUSH }),
};

export interface Decoded {
  data: Buffer;
  /** More than `limit` bytes came out, so `data` holds only the first `limit`. */
  truncated: boolean;
}

/** Decodes one layer, stopping (and dropping the decoder) as soon as more than `limit` bytes came out. */
function decodeLayer(data: Buffer, decoder: Transform, limit: number): Promise<Decoded> {
  return new Promise((resolve) => {
    const chunks: Buffer[] = [];
    let size = 0;
    let done = false;
    const finish = (truncated: boolean) => {
      if (done) return;
      done = true;
      decoder.destroy();
      const all = Buffer.concat(chunks);
      resolve({ data: truncated ? all.subarray(0, limit) : all, truncated });
    };
    decoder.on('data', (chunk: Buffer) => {
      chunks.push(chunk);
      size += chunk.length;
      if (size > limit) finish(true);
    });
    decoder.on('end', () => finish(false));
    // Input cut off by the capture cap, or corrupt: keep what came out before.
    decoder.on('error', () => finish(false));
    decoder.end(data);
  });
}

/**
 * The body as sent before its Content-Encoding (gzip, deflate, br; layers in the order the header
 * lists them), for capture only: the portal always gets the original bytes. At most `limit` decoded
 * bytes are kept, so a zip bomb costs no more memory than a plain body. Null for an unknown encoding.
 */
export async function decodeBody(data: Buffer, contentEncoding: string, limit: number): Promise<Decoded | null> {
  const layers = contentEncoding
    .split(',')
    .map((e) => e.trim().toLowerCase())
    .filter((e) => e && e !== 'identity');
  const decoders = layers.reverse().flatMap((e) => DECODERS[e] ?? []);
  if (decoders.length !== layers.length) return null;
  let out: Decoded = { data, truncated: false };
  for (const decoder of decoders) {
    const next = await decodeLayer(out.data, decoder(), limit);
    out = { data: next.data, truncated: out.truncated || next.truncated };
  }
  return out;
}
