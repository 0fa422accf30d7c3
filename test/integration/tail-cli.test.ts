import { once } from 'node:events';
import { appendFile, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, expect, it } from 'vitest';
import type { Entry } from '../../shared/entry.ts';
import { entryLine } from '../../proxy/store/canonical-line.ts';
import { linkEntry } from '../../proxy/store/chain.ts';
import { runTail as runTailIn } from '../helpers/tail-process.ts';
import { drafts, openStore, tempDataDir } from '../helpers/temp-store.ts';

let dataDir = '';
afterEach(() => rm(dataDir, { recursive: true, force: true }));

/** Runs `portal-audit tail` on `dataDir`, collecting what it prints. */
const runTail = (args: string[]) => runTailIn(dataDir, ['--data-dir', dataDir, ...args]);

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
  // The store names the unreadable line by file and byte; tail names the entries where the chain breaks, by file and line.
  const complaints = out.stderr.trimEnd().split('\n');
  expect(complaints.find((l) => l.includes(`${segment} byte`))).toMatch(/^portal-audit tail: .*not an entry/);
  expect(complaints.find((l) => l.includes('entry 2 is missing'))).toContain(`(entry 3 at ${file} line 3, entry 1 at ${file} line 1)`);
  expect(complaints.find((l) => l.includes('entry 4 does not chain'))).toContain(`(entry 4 at ${file} line 4, entry 3 at ${file} line 3)`);
  // Its prevHash was edited in place, so entry 4 no longer hashes to its own hash either.
  expect(complaints.find((l) => l.includes('entry 4 was altered'))).toContain(`(entry 4 at ${file} line 4)`);
  expect(complaints).toHaveLength(4);
  expect(code).toBe(1);
});

/** The only segment of `dataDir`'s log, its path and its lines. */
async function onlySegment() {
  const [segment, ...others] = await readdir(join(dataDir, 'log'));
  expect(others).toEqual([]);
  const file = join(dataDir, 'log', segment ?? expect.unreachable());
  return { file, lines: (await readFile(file, 'utf8')).split('\n') };
}

/** The line as an insider edits it: another username, still canonical JSON, its stored hash left as it was. */
function withUsernameEdited(line: string): string {
  return entryLine({ ...(JSON.parse(line) as Entry), username: 'someone.else' });
}

it('tail names an entry edited in place whose hash was left, by seq, file and line, prints every entry, and exits 1', async () => {
  dataDir = await tempDataDir();
  const store = await openStore(dataDir);
  for (const d of drafts(5)) await store.append(d);
  await store.close();
  const { file, lines } = await onlySegment();
  lines[2] = withUsernameEdited(lines[2] ?? '');
  await writeFile(file, lines.join('\n'));

  const { tail, out, seqs } = runTail(['-n', '10', '--no-follow']);
  const [code] = await once(tail, 'exit');
  expect(seqs()).toEqual([1, 2, 3, 4, 5]);
  // Entry 4 still names entry 3's stored hash, so only entry 3 itself is wrong.
  expect(out.stderr).toBe(`portal-audit tail: entry 3 was altered: its content does not match its hash (entry 3 at ${file} line 3); run portal-audit verify\n`);
  expect(code).toBe(1);
});

it('tail checks the hash of each entry it follows: a forged line appended to the log is named by seq, file and line', async () => {
  dataDir = await tempDataDir();
  const store = await openStore(dataDir);
  for (const d of drafts(5)) await store.append(d);
  const head = store.head();
  await store.close();
  const { file } = await onlySegment();

  const { tail, out, seqs } = runTail(['-n', '1', '--interval', '60000']);
  try {
    await expect.poll(seqs, { message: 'the newest entry' }).toEqual([5]);
    // Linked to entry 5 as the writer would link it, then edited: it chains, but its hash does not hold.
    const forged = linkEntry(head, 'forged', drafts(1, { prefix: 'forged' }).at(0) ?? expect.unreachable());
    await appendFile(file, `${withUsernameEdited(entryLine(forged))}\n`);
    await expect.poll(seqs, { message: 'the forged entry is shown' }).toEqual([5, 6]);
    await expect
      .poll(() => out.stderr, { message: 'and named' })
      .toBe(`portal-audit tail: entry 6 was altered: its content does not match its hash (entry 6 at ${file} line 6); run portal-audit verify\n`);
  } finally {
    tail.kill();
  }
});
