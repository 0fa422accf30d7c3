// `kill -HUP` on a running `portal-audit start`: the listener takes the certificate files' new content
// for new connections, and a file it cannot use keeps the old certificate serving (logged as an error).
import { writeFile } from 'node:fs/promises';
import { expect, it, onTestFinished } from 'vitest';
import { startFakePortal } from '../helpers/fake-portal.ts';
import { proxyConfig, spawnJsonProxy } from '../helpers/spawned-proxy.ts';
import { scratchDataDir } from '../helpers/temp-store.ts';
import { httpsCall, liveCertificates } from '../helpers/test-certs.ts';

it('SIGHUP reloads the listener certificate from its files; a broken file keeps the old one serving', { timeout: 90_000 }, async () => {
  const { live, caPem, renew } = await liveCertificates();
  const portal = await startFakePortal();
  onTestFinished(() => portal.close());
  const dataDir = await scratchDataDir();
  const config = await proxyConfig(portal.url, dataDir, { portals: [{ listen: '127.0.0.1:0', target: portal.url, source: 'Office Portal', tls: live }] });

  const proxy = await spawnJsonProxy(config);
  const reloads = () => proxy.lines().filter((l) => l.event === 'tls-reload');
  const url = proxy.listener('Office Portal');
  expect(url).toMatch(/^https:\/\/127\.0\.0\.1:\d+$/);
  expect((await httpsCall(`${url}/api/students/1`, caPem)).cn).toBe('first');

  // A half-written renewal: the certificate file is not PEM. The old certificate keeps serving.
  await writeFile(live.cert, 'not a certificate\n');
  proxy.child.kill('SIGHUP');
  await expect.poll(() => reloads().length).toBe(1);
  expect(reloads()[0]).toMatchObject({ level: 50, msg: expect.stringMatching(/^Kept the old TLS certificates/) });
  expect((await httpsCall(`${url}/api/students/1`, caPem)).cn).toBe('first');

  // The renewal completed: the next SIGHUP serves it to new connections, without a restart.
  await renew();
  proxy.child.kill('SIGHUP');
  await expect.poll(() => reloads().length).toBe(2);
  expect(reloads()[1]).toMatchObject({ level: 30, msg: 'Reloaded the TLS certificates' });
  expect((await httpsCall(`${url}/api/students/1`, caPem)).cn).toBe('second');

  await proxy.kill('SIGTERM');
});
