import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { expect, it, onTestFinished } from 'vitest';
import { call } from '../helpers/admin-api.ts';
import { startFakePortal } from '../helpers/fake-portal.ts';
import { proxyConfig, spawnJsonProxy, spawnProxy } from '../helpers/spawned-proxy.ts';
import { scratchDataDir } from '../helpers/temp-store.ts';

const PASSWORD = 'Hunter2-zebra-Secret';
const BASIC_SECRET = 'basic-Secret-8861';

it('with --log-format json every line is JSON, the start line names the listeners and the store, and no secret is logged', { timeout: 60_000 }, async () => {
  const portal = await startFakePortal();
  onTestFinished(() => portal.close());
  const dataDir = await scratchDataDir();
  const proxy = await spawnJsonProxy(await proxyConfig(portal.url, dataDir, { actors: { login: { path: '/login' }, basic: true } }));
  expect(proxy.start).toMatchObject({ level: 30, store: { dataDir, writable: true }, head: expect.stringMatching(/^\d+:[0-9a-f]{64}$/) });
  const office = proxy.listener('Office Portal');
  const admin = proxy.listener('Admin API');
  expect(office).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
  expect(proxy.start.initialToken).toBeUndefined();

  // A login with a password (a wrong one, still logged), one with Basic auth, and a search with the admin token.
  const login = await call(`${office}/login`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ username: 'pat.admin', password: PASSWORD }) });
  expect(login.status).toBe(401);
  const basic = `Basic ${Buffer.from(`pat.admin:${BASIC_SECRET}`).toString('base64')}`;
  expect((await call(`${office}/api/students/1`, { method: 'PUT', headers: { Authorization: basic, 'Content-Type': 'application/json' }, body: '{"level":"Gold"}' })).status).toBe(200);
  const token = (await readFile(join(dataDir, 'initial-admin-token'), 'utf8')).trim();
  expect((await call(`${admin}/api/entries?q=smith`, { headers: { Authorization: `Bearer ${token}` } })).status).toBe(200);

  await proxy.kill('SIGTERM');
  expect(proxy.lines().some((l) => l.event === 'stop')).toBe(true);
  for (const secret of [PASSWORD, BASIC_SECRET, Buffer.from(`pat.admin:${BASIC_SECRET}`).toString('base64'), token]) expect(proxy.output()).not.toContain(secret);
});

it('without --log-format the lines stay readable: the start line and the listener table', { timeout: 60_000 }, async () => {
  const portal = await startFakePortal();
  onTestFinished(() => portal.close());
  const dataDir = await scratchDataDir();
  const proxy = await spawnProxy(await proxyConfig(portal.url, dataDir));
  expect(proxy.output()).toContain(`Portal Audit is recording to ${dataDir}`);
  expect(proxy.output()).toMatch(/Office Portal\s+http:\/\/127\.0\.0\.1:\d+/);
  expect(proxy.output()).not.toMatch(/^\{/m);
  await proxy.kill('SIGTERM');
});
