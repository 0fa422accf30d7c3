import { afterAll, beforeAll, expect, it } from 'vitest';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { demoBanner } from '../../proxy/demo/banner.ts';
import { DEMO_PORTAL_PORT } from '../../proxy/demo/demo-config.ts';
import { DemoStartError, startDemo } from '../../proxy/demo/start-demo.ts';

let dataDir: string;
beforeAll(async () => {
  dataDir = await mkdtemp(join(tmpdir(), 'portal-audit-demo-start-'));
});
afterAll(() => rm(dataDir, { recursive: true, force: true }));

it('says which port is taken when the demo portal cannot listen', async () => {
  // Take a free port, then ask the demo for exactly that one through --port-offset.
  const blocker: Server = createServer();
  await new Promise<void>((resolve) => blocker.listen(0, '127.0.0.1', resolve));
  const taken = (blocker.address() as AddressInfo).port;
  try {
    const err = await startDemo({ dataDir, portOffset: taken - DEMO_PORTAL_PORT }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(DemoStartError);
    expect((err as DemoStartError).what).toBe('the demo portal');
    expect((err as DemoStartError).cause).toMatchObject({ code: 'EADDRINUSE', port: taken });
  } finally {
    await new Promise((resolve) => blocker.close(resolve));
  }
});

it('prints the portal URLs, demo logins, admin API and token, and how to tail; no traffic on a second start', async () => {
  const first = await startDemo({ dataDir, ephemeral: true });
  const banner = demoBanner(first, 0);
  await first.close();
  for (const p of first.audit.portals) expect(banner).toContain(p.url);
  expect(banner).toContain('admin / password');
  expect(banner).toContain('jane.smith / password');
  expect(banner).toContain(first.audit.admin.url);
  expect(first.audit.admin.initialToken).toBeTruthy();
  expect(banner).toContain(first.audit.admin.initialToken!);
  expect(banner).toContain(`tail --data-dir ${dataDir}`);
  expect(banner).toMatch(/played \d+ actions from 6 sources/);
  expect(banner).toContain(`Log key        fingerprint ${first.audit.publicKey!.fingerprint} (pin it on the options page)`);

  const second = await startDemo({ dataDir, ephemeral: true });
  try {
    expect(second.traffic).toBeNull();
    // Printed once by the admin API; the demo still shows it from the file it left.
    expect(second.audit.admin.initialToken).toBeNull();
    expect(demoBanner(second, 0)).toContain(first.audit.admin.initialToken!);
  } finally {
    await second.close();
  }
});
