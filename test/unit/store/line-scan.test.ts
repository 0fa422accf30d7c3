import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { lineChunks } from '../../../proxy/store/json/line-scan.ts';

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'line-scan-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

async function scan(text: string, from = 0, scratch: { buffer?: Buffer } = {}) {
  const path = join(dir, 'segment.jsonl');
  await writeFile(path, text);
  const lines: { text: string; offset: number }[] = [];
  let completeBytes = from;
  let tornBytes = 0;
  for await (const chunk of lineChunks(path, { from, scratch })) {
    chunk.eachLine((buffer, start, end, offset) => lines.push({ text: buffer.toString('utf8', start, end), offset }));
    ({ completeBytes, tornBytes } = chunk);
  }
  return { lines, completeBytes, tornBytes };
}

describe('lineChunks, the one line scanner over segments', () => {
  it('hands over each complete line with its file offset, skips empty lines and keeps a torn tail out', async () => {
    expect(await scan('{"a":1}\n\n{"b":2}\n{"c":')).toEqual({
      lines: [
        { text: '{"a":1}', offset: 0 },
        { text: '{"b":2}', offset: 9 },
      ],
      completeBytes: 17,
      tornBytes: 5,
    });
  });

  it('starts at an offset, as the index does when it reads on', async () => {
    const { lines, completeBytes } = await scan('first\nsecond\nthird\n', 6);
    expect(lines).toEqual([
      { text: 'second', offset: 6 },
      { text: 'third', offset: 13 },
    ]);
    expect(completeBytes).toBe(19);
  });

  it('grows its buffer for a line longer than a read (a large captured body), and keeps the grown one in scratch', async () => {
    const long = 'x'.repeat(200 * 1024);
    const scratch: { buffer?: Buffer } = { buffer: Buffer.alloc(16) };
    const { lines } = await scan(`a\n${long}\nb\n`, 0, scratch);
    expect(lines.map((l) => l.text.length)).toEqual([1, long.length, 1]);
    expect(lines[2]?.offset).toBe(2 + long.length + 1);
    expect(scratch.buffer?.length).toBeGreaterThan(long.length);
  });

  it('finds exactly the lines split() finds, wherever the reads fall', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(fc.string({ unit: fc.constantFrom('a', 'é', '\n', '{') }), { maxLength: 30 }), fc.integer({ min: 1, max: 8 }), async (parts, size) => {
        const text = parts.join('');
        const { lines, completeBytes } = await scan(text, 0, { buffer: Buffer.alloc(size) });
        const complete = text.slice(0, text.lastIndexOf('\n') + 1);
        expect(lines.map((l) => l.text)).toEqual(complete.split('\n').filter((l) => l !== ''));
        expect(completeBytes).toBe(Buffer.byteLength(complete));
      }),
      { numRuns: 200 },
    );
  });
});
