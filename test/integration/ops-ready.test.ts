import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, it } from 'vitest';
import { startPortalAudit } from '../../proxy/app.ts';
import { parseConfig } from '../../proxy/config/load.ts';
import { call } from '../helpers/admin-api.ts';
import { startFakePortal } from '../helpers/fake-portal.ts';
import { mountSmallDisk } from '../helpers/tmpfs.ts';

function configFor(dataDir: string, target: string) {
  return parseConfig({
    dataDir,
    timezone: 'America/Chicago',
    admin: { listen: '127.0.0.1:0' },
    portals: [{ listen: '127.0.0.1:0', target, source: 'Office Portal' }],
  });
}

it('answers 200 while the store is writable and the portal reachable, 503 naming the portal once it is not', async () => {
  const portal = await startFakePortal();
  const dataDir = await mkdtemp(join(tmpdir(), 'pa-ready-'));
  const audit = await startPortalAudit({ config: configFor(dataDir, portal.url) });
  try {
    const ready = await call(`${audit.admin.url}/api/ready`);
    expect(ready.status).toBe(200);
    expect(ready.json()).toMatchObject({ ready: true, store: { writable: true }, portals: [{ source: 'Office Portal', target: portal.url, reachable: true }] });

    await portal.close();
    const down = await call(`${audit.admin.url}/api/ready`);
    expect(down.status).toBe(503);
    expect(down.json()).toMatchObject({ ready: false, store: { writable: true }, portals: [{ source: 'Office Portal', reachable: false, reason: expect.stringMatching(/ECONNREFUSED/) }] });
    // Liveness stays up: the process answers.
    expect((await call(`${audit.admin.url}/api/health`)).status).toBe(200);
  } finally {
    await audit.close();
    await rm(dataDir, { recursive: true, force: true });
  }
});

it('answers 503 while the disk is full, and 200 again once space returns', { timeout: 60_000 }, async (ctx) => {
  const disk = await mountSmallDisk();
  if (!disk) return ctx.skip('needs root to mount a tmpfs');
  const portal = await startFakePortal();
  const audit = await startPortalAudit({ config: configFor(join(disk.dir, 'data'), portal.url) });
  try {
    expect((await call(`${audit.admin.url}/api/ready`)).status).toBe(200);
    await disk.fill();
    // The store learns of the full disk on its next write: a change through the proxy, refused with 503.
    const refused = await call(`${audit.portals[0]!.url}/api/students/1`, { method: 'PUT', headers: { 'Content-Type': 'application/json' }, body: '{"level":"Gold"}' });
    expect(refused.status).toBe(503);
    const full = await call(`${audit.admin.url}/api/ready`);
    expect(full.status).toBe(503);
    expect(full.json()).toMatchObject({ ready: false, store: { writable: false, reason: expect.stringMatching(/ENOSPC/) }, portals: [{ reachable: true }] });
    await disk.free();
    await expect.poll(async () => (await call(`${audit.admin.url}/api/ready`)).status, { timeout: 15_000, interval: 250 }).toBe(200);
  } finally {
    await audit.close();
    await portal.close();
  }
});
