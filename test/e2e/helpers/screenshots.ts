import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { repoRoot } from '../../../scripts/extension-build.ts';

/** test/e2e/screenshots/<name>.png (gitignored): what the popup and sidebar looked like on the last run. */
export function screenshotPath(name: string): string {
  const dir = join(repoRoot, 'test', 'e2e', 'screenshots');
  mkdirSync(dir, { recursive: true });
  return join(dir, `${name}.png`);
}
