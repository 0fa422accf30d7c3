import { spawn } from 'node:child_process';
import { rm } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { afterEach, expect, it } from 'vitest';
import { drafts, openStore, tempDataDir } from '../helpers/temp-store.ts';

const bin = fileURLToPath(new URL('../../bin/portal-audit.mjs', import.meta.url));
let dataDir = '';
afterEach(() => rm(dataDir, { recursive: true, force: true }));

it('tail prints the newest entries, then the ones another process appends', async () => {
  dataDir = await tempDataDir();
  const store = await openStore(dataDir);
  for (const d of drafts(5)) await store.append(d);

  const tail = spawn(process.execPath, [bin, 'tail', '-n', '2', '--json', '--interval', '100', '--data-dir', dataDir], { cwd: dataDir, stdio: ['ignore', 'pipe', 'inherit'] });
  try {
    let out = '';
    tail.stdout.setEncoding('utf8');
    tail.stdout.on('data', (chunk: string) => (out += chunk));
    // Whole lines only: a chunk may end mid-line.
    const seqs = () =>
      out
        .split('\n')
        .slice(0, -1)
        .map((l) => (JSON.parse(l) as { seq: number }).seq);
    await expect.poll(seqs, { message: 'the two newest entries' }).toEqual([4, 5]);

    await store.append(drafts(1, { prefix: 'new' })[0]!);
    await expect.poll(seqs, { message: 'then the one appended by another process' }).toEqual([4, 5, 6]);
  } finally {
    tail.kill();
    await store.close();
  }
});
