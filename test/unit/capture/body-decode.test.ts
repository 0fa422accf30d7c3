import { brotliCompressSync, deflateSync, gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { decodeBody } from '../../../proxy/capture/body-decode.ts';

const text = Buffer.from('{"name":"x"}');

describe('decodeBody', () => {
  it('decodes gzip, deflate, br and stacked layers', async () => {
    expect((await decodeBody(gzipSync(text), 'gzip', 1024))!.data.toString()).toBe(text.toString());
    expect((await decodeBody(deflateSync(text), 'deflate', 1024))!.data.toString()).toBe(text.toString());
    expect((await decodeBody(brotliCompressSync(text), 'br', 1024))!.data.toString()).toBe(text.toString());
    expect((await decodeBody(brotliCompressSync(gzipSync(text)), 'gzip, br', 1024))!.data.toString()).toBe(text.toString());
  });

  it('stops at the limit: a bomb yields `limit` bytes and truncated', async () => {
    const bomb = gzipSync(Buffer.alloc(32 * 1024 * 1024));
    const out = (await decodeBody(bomb, 'gzip', 4096))!;
    expect(out).toMatchObject({ truncated: true });
    expect(out.data.length).toBe(4096);
  });

  it('keeps what came out of input cut short, and refuses encodings it does not know', async () => {
    const long = Buffer.from(`{"name":"x","pad":"${'y'.repeat(50_000)}"}`);
    const cut = gzipSync(long).subarray(0, 200);
    const out = (await decodeBody(cut, 'gzip', 1 << 20))!;
    expect(out.data.toString().startsWith('{"name":"x"')).toBe(true);
    expect(await decodeBody(text, 'zstd', 1024)).toBeNull();
  });
});
