import { spawn, spawnSync } from 'node:child_process';
import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it, onTestFinished } from 'vitest';
import { startFakePortal } from '../helpers/fake-portal.ts';
import { send } from '../helpers/capture-rig.ts';
import { openStore, scratchDataDir } from '../helpers/temp-store.ts';

const BIN = join(import.meta.dirname, '../../bin/portal-audit.mjs');
const portal = { listen: '127.0.0.1:0', target: 'http://127.0.0.1:3000', source: 'Office Portal' };

describe('portal-audit start with a bad config', () => {
  it.each([
    ['bad JSON', '{ "portals": [', /not valid JSON/],
    ['missing portals', JSON.stringify({ dataDir: 'd' }), /portals/],
    ['bad listen', JSON.stringify({ portals: [{ ...portal, listen: 'localhost' }] }), /portals\[0\]\.listen/],
    ['unknown key', JSON.stringify({ portals: [portal], colour: 'blue' }), /unknown key "colour"/],
    ['bad timezone', JSON.stringify({ portals: [portal], timezone: 'Mars/Olympus' }), /timezone/],
    ['bad trustedProxies', JSON.stringify({ portals: [portal], trustedProxies: ['not an ip'] }), /trustedProxies\[0\]/],
    ['port out of range', JSON.stringify({ portals: [{ ...portal, listen: '127.0.0.1:99999' }] }), /portals\[0\]\.listen: the port must be 0–65535/],
    ['target not http', JSON.stringify({ portals: [{ ...portal, target: 'ftp://files' }] }), /portals\[0\]\.target: expected an http\(s\) URL/],
    ['empty source', JSON.stringify({ portals: [{ ...portal, source: ' ' }] }), /portals\[0\]\.source: must not be empty/],
    ['bad record rule', JSON.stringify({ portals: [portal], records: [{ path: 'students', type: 'student' }] }), /records\[0\]\.path/],
  ])('%s: exit 2 naming the key, no stack trace', async (_kind, text, message) => {
    const dir = await mkdtemp(join(tmpdir(), 'portal-audit-config-'));
    const file = join(dir, 'portal-audit.config.json');
    await writeFile(file, text);
    const run = spawnSync(process.execPath, [BIN, 'start', '--config', file], { encoding: 'utf8', timeout: 20_000 });
    expect(run.status).toBe(2);
    expect(run.stderr).toMatch(message);
    expect(run.stderr).not.toMatch(/\n\s+at /);
  });
});

it('portal-audit start prints the listening URLs, proxies, and stops cleanly on SIGTERM', async () => {
  const upstream = await startFakePortal();
  const dir = await mkdtemp(join(tmpdir(), 'portal-audit-start-'));
  const file = join(dir, 'portal-audit.config.json');
  await writeFile(file, JSON.stringify({ dataDir: 'data', admin: { listen: '127.0.0.1:0' }, portals: [{ ...portal, target: upstream.url }] }));
  const child = spawn(process.execPath, [BIN, 'start', '--config', file], { stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  child.stdout.on('data', (d) => (out += d));
  const url = await new Promise<string>((resolve, reject) => {
    child.stdout.on('data', () => {
      const m = /Office Portal\s+(http:\/\/127\.0\.0\.1:\d+)/.exec(out);
      if (m) resolve(m[1]!);
    });
    child.on('exit', () => reject(new Error(`exited early: ${out}`)));
  });
  const answer = await send(`${url}/api/students/1`);
  expect(answer.json().firstName).toBe('Jane');
  // The log's public key, made on this first start, is printed with a short fingerprint to compare.
  const published = (await readFile(join(dir, 'data', 'log-key.pub'), 'utf8')).trim();
  expect(out).toContain(`Log public key     ${published}`);
  expect(out).toMatch(/Key fingerprint\s+[0-9a-f]{4}( [0-9a-f]{4}){3}/);
  const code = await new Promise<number | null>((resolve) => {
    child.on('exit', (c) => resolve(c));
    child.kill('SIGTERM');
  });
  expect(code).toBe(0);
  await upstream.close();
});

it('portal-audit start on a log another process writes: exit 1 with one line naming the holder, no stack trace', async () => {
  const dataDir = await scratchDataDir();
  const writer = await openStore(dataDir);
  onTestFinished(() => writer.close());
  const file = join(dataDir, 'portal-audit.config.json');
  await writeFile(file, JSON.stringify({ dataDir, admin: { listen: '127.0.0.1:0' }, portals: [{ ...portal, listen: '127.0.0.1:0' }] }));
  const run = spawnSync(process.execPath, [BIN, 'start', '--config', file], { encoding: 'utf8', timeout: 20_000 });
  expect(run.status).toBe(1);
  expect(run.stderr.trim()).toMatch(new RegExp(`^Another Portal Audit process is writing the log in ${dataDir}.*; stop it first$`));
  expect(run.stderr.trim().split('\n')).toHaveLength(1);
});
