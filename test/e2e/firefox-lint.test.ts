import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { beforeAll, expect, it } from 'vitest';
import { ensureExtensionBuilt, firefoxDist, repoRoot } from '../../scripts/extension-build.ts';

const run = promisify(execFile);

beforeAll(() => ensureExtensionBuilt(), 180_000);

it('web-ext lint finds no errors in the Firefox build (addons.mozilla.org would refuse it otherwise)', async () => {
  // web-ext exits non-zero when it finds errors; the JSON report is read either way.
  const { stdout } = await run('npx', ['web-ext', 'lint', '--source-dir', firefoxDist, '--output', 'json'], { cwd: repoRoot }).catch(
    (err: { stdout: string }) => ({ stdout: err.stdout }),
  );
  const report = JSON.parse(stdout) as { summary: { errors: number }; errors: Array<{ code: string; message: string; file?: string }> };
  expect(report.errors.map((e) => `${e.code} ${e.file ?? ''}: ${e.message}`)).toEqual([]);
  expect(report.summary.errors).toBe(0);
}, 120_000);
