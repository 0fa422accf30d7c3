import { execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdtemp, readFile, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { initialTokenFile } from '../../proxy/admin/initial-token.ts';
import { startAdminApi } from '../../proxy/admin/start.ts';
import { openTokenBook } from '../../proxy/admin/tokens.ts';
import { CHROME_EXTENSION_ORIGIN } from '../../shared/extension-identity.ts';
import { bearer, call, draft, startAdminFixture, type AdminFixture, type HttpAnswer } from '../helpers/admin-api.ts';

const run = promisify(execFile);
const cli = (...args: string[]) => run(process.execPath, ['bin/portal-audit.mjs', ...args], { cwd: process.cwd() });

let fx: AdminFixture;
beforeAll(async () => {
  fx = await startAdminFixture({
    entries: [draft()],
    failureLimits: { freeFailures: 2, baseDelayMs: 100, maxDelayMs: 400, blockAfter: 6, windowMs: 60_000 },
  });
});
afterAll(() => fx?.close());

describe('tokens and roles', () => {
  it('401s a missing or wrong token, without data', async () => {
    const none = await call(`${fx.url}/api/entries`, { localAddress: '127.0.0.2' });
    expect(none.status).toBe(401);
    expect(none.headers['www-authenticate']).toMatch(/^Bearer/);
    expect(none.json()).toEqual({ error: expect.stringMatching(/token is required/) });
    const wrong = await call(`${fx.url}/api/entries`, { headers: bearer('pa_wrong'), localAddress: '127.0.0.2' });
    expect(wrong.status).toBe(401);
    expect(wrong.text).not.toContain('Smith');
  });

  it('lets an auditor read but not export (403)', async () => {
    expect((await call(`${fx.url}/api/entries`, { headers: bearer(fx.auditorToken) })).status).toBe(200);
    const exported = await call(`${fx.url}/api/export?format=csv`, { headers: bearer(fx.auditorToken) });
    expect(exported.status).toBe(403);
    expect(exported.json().error).toMatch(/admin token is needed/);
    expect((await call(`${fx.url}/api/export?format=csv`, { headers: bearer(fx.adminToken) })).status).toBe(200);
  });

  it('keeps only a hash of each token in tokens.json', async () => {
    const file = await readFile(join(fx.dataDir, 'tokens.json'), 'utf8');
    for (const token of [fx.adminToken, fx.auditorToken]) {
      expect(token).toMatch(/^pa_[A-Za-z0-9_-]{43}$/);
      expect(file).not.toContain(token);
      expect(file).not.toContain(token.slice(3));
      expect(file).toContain(createHash('sha256').update(token).digest('hex'));
    }
  });

  // Three CLI processes: on two busy cores each can take several seconds to start.
  it('refuses a token revoked with the CLI while the server runs (401)', { timeout: 120_000 }, async () => {
    const created = await cli('token', 'create', '--name', 'temp.user', '--role', 'auditor', '--data-dir', fx.dataDir);
    const token = created.stdout.trim();
    expect((await call(`${fx.url}/api/me`, { headers: bearer(token) })).json()).toEqual({ name: 'temp.user', role: 'auditor' });
    const listed = await cli('token', 'list', '--data-dir', fx.dataDir);
    expect(listed.stdout).toMatch(/temp\.user\s+auditor/);
    expect(listed.stdout).not.toContain(token);
    await cli('token', 'revoke', 'temp.user', '--data-dir', fx.dataDir);
    expect((await call(`${fx.url}/api/me`, { headers: bearer(token), localAddress: '127.0.0.2' })).status).toBe(401);
  });
});

describe('repeated failures from one address', () => {
  it('are counted at once: of 60 guesses sent together, only the limit gets 401 and the rest 429 with Retry-After', async () => {
    const wrong = { headers: bearer('pa_guess'), localAddress: '127.0.0.3' };
    const answers = await Promise.all(Array.from({ length: 60 }, () => call(`${fx.url}/api/me`, wrong)));
    const statuses = answers.map((a) => a.status);
    expect(statuses.filter((s) => s === 401)).toHaveLength(6);
    expect(statuses.filter((s) => s === 429)).toHaveLength(54);
    const blocked = answers.find((a) => a.status === 429)!;
    expect(Number(blocked.headers['retry-after'])).toBeGreaterThan(0);
  });

  it('never refuse a valid token from that address, and leave other addresses untouched', async () => {
    const fromBlocked = await call(`${fx.url}/api/me`, { headers: bearer(fx.adminToken), localAddress: '127.0.0.3' });
    expect(fromBlocked.status).toBe(200);
    expect((await call(`${fx.url}/api/me`, { headers: bearer('pa_guess'), localAddress: '127.0.0.3' })).status).toBe(429);
    const other = await call(`${fx.url}/api/me`, { headers: bearer('pa_guess'), localAddress: '127.0.0.4' });
    expect(other.status).toBe(401);
  });
});

describe('CORS', () => {
  const origin = CHROME_EXTENSION_ORIGIN;
  const preflight = { method: 'OPTIONS', headers: { Origin: origin, 'Access-Control-Request-Method': 'GET', 'Access-Control-Request-Headers': 'authorization' } };
  const corsHeaders = (res: HttpAnswer) => Object.keys(res.headers).filter((h) => h.startsWith('access-control-'));

  it("answers our extension's preflight (its pinned id, by default) allowing Authorization", async () => {
    const res = await fx.request('/api/entries', preflight);
    expect(res.status).toBe(204);
    expect(res.headers['access-control-allow-origin']).toBe(origin);
    expect(res.headers['access-control-allow-headers']).toMatch(/Authorization/);
    expect(res.headers.vary).toMatch(/Origin/);
  });

  it('gives our extension data only with a token', async () => {
    const withToken = await fx.request('/api/entries', { headers: { Origin: origin, ...bearer(fx.adminToken) } });
    expect(withToken.status).toBe(200);
    expect(withToken.headers['access-control-allow-origin']).toBe(origin);
    expect(withToken.headers['access-control-expose-headers']).toMatch(/Content-Disposition/);
    const without = await fx.request('/api/entries', { headers: { Origin: origin }, ip: '127.0.0.2' });
    expect(without.status).toBe(401);
  });

  it('gives web pages and other extensions no CORS headers at all', async () => {
    for (const stranger of ['https://evil.example', 'chrome-extension://abcdefghijklmnopabcdefghijklmnop', 'moz-extension://0f1e2d3c-4b5a-6978-8796-a5b4c3d2e1f0']) {
      for (const method of ['OPTIONS', 'GET']) {
        const res = await fx.request('/api/entries', { method, headers: { Origin: stranger, ...bearer(fx.adminToken) } });
        expect(corsHeaders(res), `${method} from ${stranger}`).toEqual([]);
      }
    }
  });

  it("answers a Firefox profile's extension once its origin is in admin.extensionOrigins", async () => {
    const firefox = 'moz-extension://0f1e2d3c-4b5a-6978-8796-a5b4c3d2e1f0';
    const configured = await startAdminFixture({ extensionOrigins: [firefox] });
    try {
      const res = await configured.request('/api/entries', { ...preflight, headers: { ...preflight.headers, Origin: firefox } });
      expect(res.headers['access-control-allow-origin']).toBe(firefox);
      // The list replaces the default: the Chrome build is no longer answered.
      expect(corsHeaders(await configured.request('/api/entries', preflight))).toEqual([]);
    } finally {
      await configured.close();
    }
  });
});

describe('the first start', () => {
  it('makes one admin token, prints it once and leaves it in a 0600 file', async () => {
    const dataDir = await mkdtemp(join(tmpdir(), 'pa-first-'));
    const fresh = await startAdminFixture({ dataDir });
    try {
      await rm(join(dataDir, 'tokens.json'));
      const first = await startAdminApi({ config: { ...fresh.config, dataDir }, tokens: await openTokenBook(dataDir), store: fresh.store, engine: fresh.engine, portals: [] });
      expect(first.initialToken).toMatch(/^pa_/);
      const file = initialTokenFile(dataDir);
      expect((await stat(file)).mode & 0o777).toBe(0o600);
      expect((await readFile(file, 'utf8')).trim()).toBe(first.initialToken);
      expect((await call(`${first.url}/api/me`, { headers: bearer(first.initialToken!) })).json()).toEqual({ name: 'admin', role: 'admin' });
      await first.close();
      const again = await startAdminApi({ config: { ...fresh.config, dataDir }, tokens: await openTokenBook(dataDir), store: fresh.store, engine: fresh.engine, portals: [] });
      expect(again.initialToken).toBeNull();
      expect((await (await openTokenBook(dataDir)).list()).map((t) => t.name)).toEqual(['admin']);
      await again.close();
    } finally {
      await fresh.close();
      await rm(dataDir, { recursive: true, force: true });
    }
  });
});
