import { readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { runCli } from '../helpers/run-cli.ts';
import { openStore, tempDataDir, drafts } from '../helpers/temp-store.ts';

let dataDir = '';

beforeAll(async () => {
  dataDir = await tempDataDir();
  const store = await openStore(dataDir);
  for (const d of drafts(12)) await store.append(d);
  await store.close();
});
afterAll(() => rm(dataDir, { recursive: true, force: true }));

it('verify prints the count and the fingerprint and exits 0; a wrong fingerprint exits 1; a malformed one exits 2', async () => {
  const ok = await runCli(dataDir, 'verify', '--data-dir', dataDir);
  expect(ok.code).toBe(0);
  expect(ok.stdout).toMatch(/^12 entries verified$/m);
  const fingerprint = /^fingerprint: (12:[0-9a-f]{64})$/m.exec(ok.stdout)![1]!;
  expect((await runCli(dataDir, 'verify', '--data-dir', dataDir, '--fingerprint', fingerprint)).code).toBe(0);

  const rewritten = await runCli(dataDir, 'verify', '--data-dir', dataDir, '--fingerprint', `7:${'0'.repeat(64)}`);
  expect(rewritten.code).toBe(1);
  expect(rewritten.stdout).toMatch(/Entry 7 is bad: .*fingerprint/);

  const malformed = await runCli(dataDir, 'verify', '--data-dir', dataDir, '--fingerprint', 'yesterday');
  expect(malformed.code).toBe(2);
  expect(malformed.stderr).toMatch(/--fingerprint: expected seq:hash/);
});

it('verify names the first altered entry and exits 1', async () => {
  const [segment] = await readdir(join(dataDir, 'log'));
  const path = join(dataDir, 'log', segment!);
  const lines = (await readFile(path, 'utf8')).split('\n');
  lines[4] = lines[4]!.replace(/"ip":"[^"]*"/, '"ip":"203.0.113.9"');
  await writeFile(path, lines.join('\n'));
  const bad = await runCli(dataDir, 'verify', '--data-dir', dataDir);
  expect(bad.code).toBe(1);
  expect(bad.stdout).toMatch(/Entry 5 is bad: entry 5 was altered/);
  expect(bad.stderr).not.toMatch(/at .*\.ts:\d+/);
});

it('says there is no log when the folder holds none, instead of verifying or finding nothing', async () => {
  const empty = join(dataDir, 'not-a-data-dir');
  for (const command of [['verify'], ['search', 'smith']]) {
    const result = await runCli(dataDir, ...command, '--data-dir', empty);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain(`No audit log in ${empty}`);
  }
});
