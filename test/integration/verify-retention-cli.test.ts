import { execFile } from 'node:child_process';
import { rm } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, expect, it } from 'vitest';
import { drafts, openStore, tempDataDir } from '../helpers/temp-store.ts';

const bin = fileURLToPath(new URL('../../bin/portal-audit.mjs', import.meta.url));
let dataDir = '';
afterAll(() => rm(dataDir, { recursive: true, force: true }));

async function cli(...args: string[]): Promise<{ code: number; stdout: string }> {
  try {
    const { stdout } = await promisify(execFile)(process.execPath, [bin, ...args], { cwd: dataDir });
    return { code: 0, stdout };
  } catch (err) {
    const e = err as { code: number; stdout: string };
    return { code: e.code, stdout: e.stdout };
  }
}

it('verify after retention names the range it checked, the anchor, and refuses a pruned fingerprint', async () => {
  dataDir = await tempDataDir();
  let now = new Date('2026-01-01T12:00:00.000Z');
  const store = await openStore(dataDir, { now: () => now });
  const written = [];
  for (const day of ['2026-01-01', '2026-01-02', '2026-01-03']) {
    now = new Date(`${day}T12:00:00.000Z`);
    for (const d of drafts(2, { prefix: day, at: now })) written.push(await store.append(d));
  }
  await store.close();
  await (await openStore(dataDir, { retentionDays: 10, now: () => new Date('2026-01-13T08:00:00.000Z') })).close();

  const ok = await cli('verify', '--data-dir', dataDir);
  expect(ok.code).toBe(0);
  expect(ok.stdout).toMatch(/^3 entries verified \(seq 5–7; entries before 5 were removed by retention on 2026-01-13\)$/m);
  expect(ok.stdout).toContain(`anchored on 4:${written[3]!.hash}`);
  const pruned = await cli('verify', '--data-dir', dataDir, '--fingerprint', `2:${written[1]!.hash}`);
  expect(pruned.code).toBe(1);
  expect(pruned.stdout).toMatch(/^Cannot check the fingerprint: entry 2 was removed by retention/m);
});
