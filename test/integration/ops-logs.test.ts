import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, it, onTestFinished } from 'vitest';
import { call } from '../helpers/admin-api.ts';
import { startFakePortal } from '../helpers/fake-portal.ts';
import { proxyConfig } from '../helpers/spawned-proxy.ts';

const BIN = join(import.meta.dirname, '../../bin/portal-audit.mjs');
const PASSWORD = 'Hunter2-zebra-Secret';
const BASIC_SECRET = 'basic-Secret-8861';

it('with --log-format json every line is JSON, the start line names the listeners and the store, and no secret is logged', { timeout: 60_000 }, async () => {
  const portal = await startFakePortal();
  onTestFinished(() => portal.close());
  const dataDir = await mkdtemp(join(tmpdir(), 'pa-logs-'));
  onTestFinished(() => rm(dataDir, { recursive: true, force: true }));
  const config = await proxyConfig(portal.url, dataDir, { actors: { login: { path: '/login' }, basic: true } });
  const child = spawn(process.execPath, [BIN, 'start', '--config', config, '--log-format', 'json'], { stdio: ['ignore', 'pipe', 'pipe'] });
  onTestFinished(() => void child.kill('SIGKILL'));
  const exited = once(child, 'exit');
  let out = '';
  child.stdout.on('data', (d) => (out += d));
  child.stderr.on('data', (d) => (out += d));
  const lines = () =>
    out
      .split('\n')
      .filter(Boolean)
      .map((line) => JSON.parse(line) as Record<string, any>);
  await expect.poll(() => lines().some((l) => l.event === 'start'), { timeout: 20_000 }).toBe(true);
  const start = lines().find((l) => l.event === 'start')!;
  expect(start).toMatchObject({ level: 30, store: { dataDir, writable: true }, head: expect.stringMatching(/^\d+:[0-9a-f]{64}$/) });
  const office = start.listeners.find((l: { source: string }) => l.source === 'Office Portal').url as string;
  const admin = start.listeners.find((l: { source: string }) => l.source === 'Admin API').url as string;
  expect(office).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
  expect(start.initialToken).toBeUndefined();

  // A login with a password (a wrong one, still logged), one with Basic auth, and a search with the admin token.
  const login = await call(`${office}/login`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ username: 'pat.admin', password: PASSWORD }) });
  expect(login.status).toBe(401);
  const basic = `Basic ${Buffer.from(`pat.admin:${BASIC_SECRET}`).toString('base64')}`;
  expect((await call(`${office}/api/students/1`, { method: 'PUT', headers: { Authorization: basic, 'Content-Type': 'application/json' }, body: '{"level":"Gold"}' })).status).toBe(200);
  const { readFile } = await import('node:fs/promises');
  const token = (await readFile(join(dataDir, 'initial-admin-token'), 'utf8')).trim();
  expect((await call(`${admin}/api/entries?q=smith`, { headers: { Authorization: `Bearer ${token}` } })).status).toBe(200);

  child.kill('SIGTERM');
  await exited;
  expect(lines().some((l) => l.event === 'stop')).toBe(true);
  for (const secret of [PASSWORD, BASIC_SECRET, Buffer.from(`pat.admin:${BASIC_SECRET}`).toString('base64'), token]) expect(out).not.toContain(secret);
});

it('without --log-format the lines stay readable: the start line and the listener table', { timeout: 60_000 }, async () => {
  const portal = await startFakePortal();
  onTestFinished(() => portal.close());
  const dataDir = await mkdtemp(join(tmpdir(), 'pa-logs-'));
  onTestFinished(() => rm(dataDir, { recursive: true, force: true }));
  const child = spawn(process.execPath, [BIN, 'start', '--config', await proxyConfig(portal.url, dataDir)], { stdio: ['ignore', 'pipe', 'pipe'] });
  onTestFinished(() => void child.kill('SIGKILL'));
  const exited = once(child, 'exit');
  let out = '';
  child.stdout.on('data', (d) => (out += d));
  await expect.poll(() => /Admin API\s+http:\/\/127\.0\.0\.1:\d+/.test(out), { timeout: 20_000 }).toBe(true);
  expect(out).toContain(`Portal Audit is recording to ${dataDir}`);
  expect(out).toMatch(/Office Portal\s+http:\/\/127\.0\.0\.1:\d+/);
  expect(out).not.toMatch(/^\{/m);
  child.kill('SIGTERM');
  await exited;
});
