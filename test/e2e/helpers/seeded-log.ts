import { execFileSync } from 'node:child_process';
import { existsSync, renameSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { repoRoot } from '../../../scripts/extension-build.ts';

/**
 * A data folder holding a generated log of `entries` entries (`portal-audit dev seed`), made once under
 * .tmp/e2e-<size> and reused by every later run (the e2e at 1M and `npm run bench:extension` share it). Seeding
 * 1,000,000 entries takes 2–3 minutes of CPU, and the first Portal Audit start over it builds and saves its search
 * index (about 2 minutes more); later starts load that index in well under a minute.
 */
export function seededLog(entries: number): { dir: string; seededMs: number | null } {
  const dir = join(repoRoot, '.tmp', `e2e-${entries >= 1e6 ? `${entries / 1e6}m` : `${entries / 1e3}k`}`);
  if (existsSync(dir)) return { dir, seededMs: null };
  // Written beside and renamed into place, so an interrupted seed is never mistaken for a finished one.
  const partial = `${dir}.partial`;
  rmSync(partial, { recursive: true, force: true });
  const started = performance.now();
  execFileSync(process.execPath, [join(repoRoot, 'bin', 'portal-audit.mjs'), 'dev', 'seed', '--entries', String(entries), '--data-dir', partial], { stdio: 'inherit' });
  renameSync(partial, dir);
  return { dir, seededMs: performance.now() - started };
}
