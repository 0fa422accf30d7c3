import { execFile } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { beforeAll, expect, it } from 'vitest';
import { chromeDist, ensureExtensionBuilt, firefoxDist, repoRoot } from '../../scripts/extension-build.ts';

const run = promisify(execFile);

beforeAll(() => ensureExtensionBuilt(), 180_000);

type Finding = { code: string; message: string; file?: string };

it('web-ext lint finds no errors in the Firefox build, and no warnings in our code (only in the vendor-preact chunk)', async () => {
  // web-ext exits non-zero when it finds errors; the JSON report is read either way.
  const { stdout } = await run('npx', ['web-ext', 'lint', '--source-dir', firefoxDist, '--output', 'json'], { cwd: repoRoot }).catch((err: { stdout: string }) => ({ stdout: err.stdout }));
  const report = JSON.parse(stdout) as { summary: { errors: number }; errors: Finding[]; warnings: Finding[] };
  const show = (f: Finding) => `${f.code} ${f.file ?? ''}: ${f.message}`;
  expect(report.errors.map(show)).toEqual([]);
  expect(report.summary.errors).toBe(0);
  // Preact's runtime assigns innerHTML for dangerouslySetInnerHTML, which no component of ours uses.
  const ours = report.warnings.filter((w) => !/^assets\/vendor-preact-[\w-]+\.js$/.test(w.file ?? ''));
  expect(ours.map(show)).toEqual([]);
}, 120_000);

it('both builds carry 16, 32, 48 and 128 px icons, as real PNGs of that size', () => {
  for (const dist of [chromeDist, firefoxDist]) {
    const manifest = JSON.parse(readFileSync(join(dist, 'manifest.json'), 'utf8')) as { icons?: Record<string, string> };
    expect(Object.keys(manifest.icons ?? {})).toEqual(['16', '32', '48', '128']);
    for (const [size, file] of Object.entries(manifest.icons!)) {
      const png = readFileSync(join(dist, file));
      expect(png.subarray(1, 4).toString('ascii')).toBe('PNG');
      expect([png.readUInt32BE(16), png.readUInt32BE(20)]).toEqual([Number(size), Number(size)]);
    }
  }
});
