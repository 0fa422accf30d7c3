import { rm } from 'node:fs/promises';
import { afterAll, expect, it } from 'vitest';
import { runCli } from '../helpers/run-cli.ts';
import { logOverDays, openStore, tempDataDir } from '../helpers/temp-store.ts';

let dataDir = '';
afterAll(() => rm(dataDir, { recursive: true, force: true }));

it('verify after retention names the range it checked, the anchor, and refuses a pruned fingerprint', async () => {
  dataDir = await tempDataDir();
  const { written } = await logOverDays(dataDir, ['2026-01-01', '2026-01-02', '2026-01-03'], { perDay: 2 });
  await (await openStore(dataDir, { retentionDays: 10, now: () => new Date('2026-01-13T08:00:00.000Z') })).close();

  const ok = await runCli(dataDir, 'verify', '--data-dir', dataDir);
  expect(ok.code).toBe(0);
  expect(ok.stdout).toMatch(/^3 entries verified \(seq 5–7; entries before 5 were removed by retention on 2026-01-13\)$/m);
  expect(ok.stdout).toContain(`anchored on 4:${written[3]!.hash}`);
  const pruned = await runCli(dataDir, 'verify', '--data-dir', dataDir, '--fingerprint', `2:${written[1]!.hash}`);
  expect(pruned.code).toBe(1);
  expect(pruned.stdout).toMatch(/^Cannot check the fingerprint: entry 2 was removed by retention/m);
});
