// `kill -HUP` on a running `portal-audit start`: the listener takes the certificate files' new content
// for new connections, and a file it cannot use keeps the old certificate serving (logged as an error).
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { copyFile, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { request as httpsRequest } from 'node:https';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TLSSocket } from 'node:tls';
import { expect, it, onTestFinished } from 'vitest';
import { startFakePortal } from '../helpers/fake-portal.ts';
import { proxyConfig } from '../helpers/spawned-proxy.ts';
import { makeTestCa } from '../helpers/test-certs.ts';

const BIN = join(import.meta.dirname, '../../bin/portal-audit.mjs');

/** The common name of the certificate a new HTTPS connection to `url` is served, trusting only `ca`. */
function servedName(url: string, ca: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const req = httpsRequest(`${url}/api/students/1`, { ca, agent: false }, (res) => {
      resolve(String((res.socket as TLSSocket).getPeerCertificate().subject.CN));
      res.resume();
    });
    req.on('error', reject);
    req.end();
  });
}

it('SIGHUP reloads the listener certificate from its files; a broken file keeps the old one serving', { timeout: 90_000 }, async () => {
  const ca = await makeTestCa();
  onTestFinished(() => rm(ca.dir, { recursive: true, force: true }));
  const first = await ca.issue('first');
  const second = await ca.issue('second');
  const live = { cert: join(ca.dir, 'live.crt'), key: join(ca.dir, 'live.key') };
  await copyFile(first.cert, live.cert);
  await copyFile(first.key, live.key);
  const portal = await startFakePortal();
  onTestFinished(() => portal.close());
  const dataDir = await mkdtemp(join(tmpdir(), 'pa-sighup-'));
  onTestFinished(() => rm(dataDir, { recursive: true, force: true }));
  const config = await proxyConfig(portal.url, dataDir, { portals: [{ listen: '127.0.0.1:0', target: portal.url, source: 'Office Portal', tls: live }] });

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
  const reloads = () => lines().filter((l) => l.event === 'tls-reload');
  await expect.poll(() => lines().some((l) => l.event === 'start'), { timeout: 40_000 }).toBe(true);
  const url = lines()
    .find((l) => l.event === 'start')!
    .listeners.find((l: { source: string }) => l.source === 'Office Portal').url as string;
  expect(url).toMatch(/^https:\/\/127\.0\.0\.1:\d+$/);
  const caPem = await readFile(ca.caFile, 'utf8');
  expect(await servedName(url, caPem)).toBe('first');

  // A half-written renewal: the certificate file is not PEM. The old certificate keeps serving.
  await writeFile(live.cert, 'not a certificate\n');
  child.kill('SIGHUP');
  await expect.poll(() => reloads().length).toBe(1);
  expect(reloads()[0]).toMatchObject({ level: 50, msg: expect.stringMatching(/^Kept the old TLS certificates/) });
  expect(await servedName(url, caPem)).toBe('first');

  // The renewal completed: the next SIGHUP serves it to new connections, without a restart.
  await copyFile(second.cert, live.cert);
  await copyFile(second.key, live.key);
  child.kill('SIGHUP');
  await expect.poll(() => reloads().length).toBe(2);
  expect(reloads()[1]).toMatchObject({ level: 30, msg: 'Reloaded the TLS certificates' });
  expect(await servedName(url, caPem)).toBe('second');

  child.kill('SIGTERM');
  await exited;
});
