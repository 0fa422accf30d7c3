import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { expect, it } from 'vitest';
import { runCli } from '../helpers/run-cli.ts';
import { scratchDataDir } from '../helpers/temp-store.ts';

it('every store command builds its store from the config: a postgres driver without a URL stops each with exit 2 naming store.url', async () => {
  const dir = await scratchDataDir();
  const portals = [{ listen: '127.0.0.1:0', target: 'http://127.0.0.1:1', source: 'Office Portal' }];
  await writeFile(join(dir, 'portal-audit.config.json'), JSON.stringify({ portals, store: { driver: 'postgres' } }));
  const commands = [['verify'], ['tail', '--no-follow'], ['search', 'smith'], ['coverage'], ['dev', 'seed', '--entries', '1'], ['start']];
  const runs = await Promise.all(commands.map((args) => runCli(dir, ...args)));
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
  const seeded = await runCli(dir, 'dev', 'seed', '--entries', '5', '--data-dir', join(dir, 'data'));
  expect(seeded.code).toBe(0);
  const verified = await runCli(dir, 'verify', '--data-dir', join(dir, 'data'));
  expect(verified.stdout).toMatch(/^5 entries verified$/m);
}, 60_000);
