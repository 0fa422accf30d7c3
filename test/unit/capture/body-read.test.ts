import { PassThrough, Readable } from 'node:stream';
import { buffer } from 'node:stream/consumers';
import { describe, expect, it } from 'vitest';
import { readCapped, replay } from '../../../proxy/capture/body-read.ts';

const chunks = (count: number, size: number) => Array.from({ length: count }, (_, i) => Buffer.alloc(size, 97 + (i % 26)));

describe('readCapped and replay', () => {
  it('reads a body within the cap whole, and replays exactly it', async () => {
    const body = chunks(3, 10);
    const read = await readCapped(Readable.from(body), 100);
    expect(read).toMatchObject({ ended: true, aborted: false });
    expect(read.head).toEqual(Buffer.concat(body));
    expect(await buffer(replay(read, Readable.from([])))).toEqual(Buffer.concat(body));
  });

  it('stops just past the cap without holding the rest, and replay gives back every byte in order', async () => {
    const body = chunks(50, 1000);
    const source = Readable.from(body);
    const read = await readCapped(source, 4500);
    expect(read).toMatchObject({ ended: false, aborted: false });
    // The chunk that crossed the cap, and not the 45 after it.
    expect(read.head.length).toBe(5000);
    expect(await buffer(replay(read, source))).toEqual(Buffer.concat(body));
  });

  it('tells a client that went away mid-body from an ended one', async () => {
    const source = new PassThrough();
    const reading = readCapped(source, 1000);
    source.write(Buffer.from('partial'));
    await new Promise((resolve) => setImmediate(resolve));
    source.destroy();
    const read = await reading;
    expect(read).toMatchObject({ ended: false, aborted: true });
    expect(read.head.toString()).toBe('partial');
  });

  it('sees a stream that had already ended', async () => {
    const source = Readable.from([Buffer.from('done')]);
    await buffer(source);
    expect(await readCapped(source, 10)).toMatchObject({ ended: true, aborted: false });
  });
});
