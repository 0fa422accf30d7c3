import { mkdtemp, readdir, readFile, rm, truncate, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { SnapshotReader, SnapshotWriter } from '../../../proxy/search/snapshot-file.ts';

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'snapshot-file-'));
});
afterEach(() => rm(dir, { recursive: true, force: true }));

/** Lengths that are not multiples of 8 bytes, so every array after the first needs padding to stay aligned. */
function sample() {
  return {
    u8: Uint8Array.from([1, 2, 3]),
    u32: Uint32Array.from([7, 0xffffffff, 42]),
    i32: Int32Array.from([-5, 0, 2 ** 31 - 1]),
    f64: Float64Array.from([Math.PI, -0, Number.MAX_SAFE_INTEGER]),
  };
}

async function written(path = join(dir, 'index.bin')) {
  const out = new SnapshotWriter();
  out.json('meta', { format: 3, zone: 'América/Bogotá' });
  const arrays = sample();
  out.array('small', arrays.u8);
  out.array('ids', arrays.u32);
  out.array('deltas', arrays.i32);
  out.array('times', arrays.f64);
  await out.writeTo(path);
  return { path, arrays };
}

describe('the search index snapshot file', () => {
  it('reads back every JSON value and typed array as written, each array aligned for a view', async () => {
    const { path, arrays } = await written();
    const snapshot = (await SnapshotReader.read(path))!;
    expect(snapshot.json('meta')).toEqual({ format: 3, zone: 'América/Bogotá' });
    expect(snapshot.array('small', 'u8')).toEqual(arrays.u8);
    expect(snapshot.array('ids', 'u32')).toEqual(arrays.u32);
    expect(snapshot.array('deltas', 'i32')).toEqual(arrays.i32);
    expect(Object.is(snapshot.array('times', 'f64')[1], -0)).toBe(true);
    expect(snapshot.array('times', 'f64')).toEqual(arrays.f64);
    for (const [name, kind] of [
      ['ids', 'u32'],
      ['deltas', 'i32'],
      ['times', 'f64'],
    ] as const)
      expect(snapshot.array(name, kind).byteOffset % 8).toBe(0);
  });

  it('replaces the file whole and leaves no temporary file behind', async () => {
    const { path } = await written();
    await written(path);
    expect(await readdir(dir)).toEqual(['index.bin']);
  });

  it('is null when there is no file or it is not a snapshot, so the index is rebuilt', async () => {
    expect(await SnapshotReader.read(join(dir, 'missing.bin'))).toBeNull();
    await writeFile(join(dir, 'tiny.bin'), 'abc');
    expect(await SnapshotReader.read(join(dir, 'tiny.bin'))).toBeNull();
    await writeFile(join(dir, 'text.bin'), 'not a snapshot at all, but long enough to have a length field');
    expect(await SnapshotReader.read(join(dir, 'text.bin'))).toBeNull();
    const { path } = await written();
    const bytes = await readFile(path);
    // A header whose JSON was cut short.
    const prefix = bytes.readUInt32LE(0);
    await writeFile(join(dir, 'cut.bin'), Buffer.concat([bytes.subarray(0, prefix - 12), Buffer.alloc(12, 0x20), bytes.subarray(prefix)]));
    expect(await SnapshotReader.read(join(dir, 'cut.bin'))).toBeNull();
  });

  it('refuses an array it does not hold, of another kind, or cut off by a short file', async () => {
    const { path } = await written();
    const snapshot = (await SnapshotReader.read(path))!;
    expect(() => snapshot.array('nothing', 'u32')).toThrow(/no u32 array nothing/);
    expect(() => snapshot.array('ids', 'f64')).toThrow(/no f64 array ids/);
    await truncate(path, (await readFile(path)).length - 8);
    const short = (await SnapshotReader.read(path))!;
    expect(() => short.array('times', 'f64')).toThrow(RangeError);
  });
});
