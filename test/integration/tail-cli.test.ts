import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, expect, it } from 'vitest';
import { drafts, openStore, tempDataDir } from '../helpers/temp-store.ts';

const bin = fileURLToPath(new URL('../../bin/portal-audit.mjs', import.meta.url));
let dataDir = '';
afterEach(() => rm(dataDir, { recursive: true, force: true }));

/** Runs `portal-audit tail` on `dataDir`, collecting what it prints. */
function runTail(args: string[]) {
  const tail = spawn(process.execPath, [bin, 'tail', '--json', '--data-dir', dataDir, ...args], { cwd: dataDir, stdio: ['ignore', 'pipe', 'pipe'] });
  const out = { stdout: '', stderr: '' };
  tail.stdout.setEncoding('utf8').on('data', (chunk: string) => (out.stdout += chunk));
  tail.stderr.setEncoding('utf8').on('data', (chunk: string) => (out.stderr += chunk));
  // Whole lines only: a chunk may end mid-line.
  const seqs = () =>
    out.stdout
      .split('\n')
      .slice(0, -1)
      .map((l) => (JSON.parse(l) as { seq: number }).seq);
  return { tail, out, seqs };
}

it('tail prints the newest entries, then the ones another process appends, told by the store rather than a timer', async () => {
  dataDir = await tempDataDir();
  const store = await openStore(dataDir);
  for (const d of drafts(5)) await store.append(d);

  // An interval far beyond the wait below: only the store's watch can bring the new entry in time.
  const { tail, seqs } = runTail(['-n', '2', '--interval', '60000']);
  try {
    await expect.poll(seqs, { message: 'the two newest entries' }).toEqual([4, 5]);
    await store.append(drafts(1, { prefix: 'new' }).at(0) ?? expect.unreachable());
    await expect.poll(seqs, { message: 'then the one appended by another process' }).toEqual([4, 5, 6]);
  } finally {
    tail.kill();
    await store.close();
  }
});

it('tail reports each corrupt line on stderr, prints the entries after it, and exits 1', async () => {
  dataDir = await tempDataDir();
  const store = await openStore(dataDir);
  for (const d of drafts(5)) await store.append(d);
  await store.close();
  const [segment] = await readdir(join(dataDir, 'log'));
  const file = join(dataDir, 'log', segment ?? expect.unreachable());
  const lines = (await readFile(file, 'utf8')).split('\n');
  // Entry 2 becomes garbage; entry 4 stays canonical JSON but no longer chains to entry 3.
  lines[1] = 'garbage{{{';
  lines[3] = (lines[3] ?? '').replace(/"prevHash":"[0-9a-f]/, '"prevHash":"x');
  await writeFile(file, lines.join('\n'));

  const { tail, out, seqs } = runTail(['-n', '10', '--no-follow']);
  const [code] = await once(tail, 'exit');
  expect(seqs()).toEqual([1, 3, 4, 5]);
  // The store names the unreadable line by file and byte; tail names the entries where the chain breaks.
  const complaints = out.stderr.trimEnd().split('\n');
  expect(complaints.find((l) => l.includes(`${segment} byte`))).toMatch(/^portal-audit tail: .*not an entry/);
  expect(complaints.find((l) => l.includes('entry 2 is missing'))).toBeDefined();
  expect(complaints.find((l) => l.includes('entry 4 does not chain'))).toBeDefined();
  expect(complaints).toHaveLength(3);
  expect(code).toBe(1);
});
