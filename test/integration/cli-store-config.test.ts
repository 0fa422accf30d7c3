import { execFile } from 'node:child_process';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { expect, it } from 'vitest';
import { scratchDataDir } from '../helpers/temp-store.ts';

const bin = fileURLToPath(new URL('../../bin/portal-audit.mjs', import.meta.url));

async function cli(cwd: string, ...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  const env = { ...process.env, PORTAL_AUDIT_DATABASE_URL: '' };
  try {
    const { stdout, stderr } = await promisify(execFile)(process.execPath, [bin, ...args], { cwd, env });
    return { code: 0, stdout, stderr };
  } catch (err) {
    const e = err as { code: number; stdout: string; stderr: string };
    return { code: e.code, stdout: e.stdout, stderr: e.stderr };
  }
}

it('every store command builds its store from the config: a postgres driver without a URL stops each with exit 2 naming store.url', async () => {
  const dir = await scratchDataDir();
  const portals = [{ listen: '127.0.0.1:0', target: 'http://127.0.0.1:1', source: 'Office Portal' }];
  await writeFile(join(dir, 'portal-audit.config.json'), JSON.stringify({ portals, store: { driver: 'postgres' } }));
  const commands = [['verify'], ['tail', '--no-follow'], ['search', 'smith'], ['coverage'], ['dev', 'seed', '--entries', '1'], ['start']];
  const runs = await Promise.all(commands.map((args) => cli(dir, ...args)));
  for (const [i, run] of runs.entries()) {
    expect(run.stderr, commands[i]!.join(' ')).toContain('store.url: required for the postgres driver (or set PORTAL_AUDIT_DATABASE_URL)');
    expect(run.code, commands[i]!.join(' ')).toBe(2);
  }
}, 120_000);

it('--data-dir still points a command at a JSON log folder, whatever the config says', async () => {
  const dir = await scratchDataDir();
  await writeFile(
    join(dir, 'portal-audit.config.json'),
    JSON.stringify({ portals: [{ listen: '127.0.0.1:0', target: 'http://127.0.0.1:1', source: 'Office Portal' }], store: { driver: 'postgres' } }),
  );
  const seeded = await cli(dir, 'dev', 'seed', '--entries', '5', '--data-dir', join(dir, 'data'));
  expect(seeded.code).toBe(0);
  const verified = await cli(dir, 'verify', '--data-dir', join(dir, 'data'));
  expect(verified.stdout).toMatch(/^5 entries verified$/m);
}, 60_000);
