import { mkdtemp, rm } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { startPortalAudit, type PortalAudit } from '../../proxy/app.ts';
import { parseConfig } from '../../proxy/config/load.ts';
import type { Config } from '../../proxy/config/schema.ts';
import { bearer, call } from '../helpers/admin-api.ts';
import { startFakePortal } from '../helpers/fake-portal.ts';

let portal: Awaited<ReturnType<typeof startFakePortal>>;
let audit: PortalAudit;
let config: Config;
let deadUrl: string;

/** A port nobody listens on: bound, then released. */
async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

/** The value of one sample line, e.g. `portal_audit_requests_total{source="Office Portal",outcome="success"}`; 0 when absent. */
function sample(text: string, name: string, labels: Record<string, string> = {}): number {
  for (const line of text.split('\n')) {
    const m = /^([a-z_:]+)(\{(.*)\})? (\S+)$/.exec(line);
    if (!m || m[1] !== name) continue;
    const got = Object.fromEntries([...(m[3] ?? '').matchAll(/(\w+)="([^"]*)"/g)].map((x) => [x[1], x[2]]));
    if (Object.entries(labels).every(([k, v]) => got[k] === v)) return Number(m[4]);
  }
  return 0;
}

beforeAll(async () => {
  portal = await startFakePortal();
  deadUrl = `http://127.0.0.1:${await freePort()}`;
  config = parseConfig({
    dataDir: await mkdtemp(join(tmpdir(), 'pa-metrics-')),
    timezone: 'America/Chicago',
    admin: { listen: '127.0.0.1:0' },
    portals: [
      { listen: '127.0.0.1:0', target: portal.url, source: 'Office Portal' },
      { listen: '127.0.0.1:0', target: deadUrl, source: 'Dead Portal' },
    ],
    actors: { basic: true },
    records: [
      { path: '/api/students/:id', type: 'student', name: '{before.firstName} {before.lastName}' },
      { method: 'POST', path: '/api/payments', type: 'payment', nameFrom: { get: '/api/families/{body.familyId}', name: '{guardianFirst} {guardianLast}' } },
    ],
  });
  audit = await startPortalAudit({ config });
});
afterAll(async () => {
  await audit?.close();
  await portal?.close();
  await rm(config.dataDir, { recursive: true, force: true });
});

it('needs a token, and answers Prometheus text whose values move with traffic', async () => {
  expect((await call(`${audit.admin.url}/metrics`)).status).toBe(401);
  const read = async () => {
    const res = await call(`${audit.admin.url}/metrics`, { headers: bearer(audit.admin.initialToken!) });
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toMatch(/^text\/plain; version=0\.0\.4/);
    return res.text;
  };
  const before = await read();
  expect(sample(before, 'portal_audit_requests_total', { source: 'Office Portal', outcome: 'success' })).toBe(0);
  expect(before).toContain('# TYPE portal_audit_store_append_seconds histogram');

  const basic = { Authorization: `Basic ${Buffer.from('pat.admin:secret').toString('base64')}`, 'Content-Type': 'application/json' };
  const office = audit.portals[0]!.url;
  expect((await call(`${office}/api/students/1`, { method: 'PUT', headers: basic, body: JSON.stringify({ level: 'Gold' }) })).status).toBe(200);
  expect((await call(`${office}/api/students/1`)).status).toBe(200);
  expect((await call(`${office}/api/students/999`, { method: 'PATCH', headers: basic, body: '{}' })).status).toBe(404);
  expect((await call(`${office}/api/payments`, { method: 'POST', headers: basic, body: JSON.stringify({ familyId: '7', amount: 5 }) })).status).toBeLessThan(300);
  expect((await call(`${audit.portals[1]!.url}/api/students/1`, { method: 'PUT', headers: basic, body: '{}' })).status).toBe(502);

  const after = await read();
  expect(sample(after, 'portal_audit_requests_total', { source: 'Office Portal', outcome: 'success' })).toBe(3);
  expect(sample(after, 'portal_audit_requests_total', { source: 'Office Portal', outcome: 'failure' })).toBe(1);
  expect(sample(after, 'portal_audit_requests_total', { source: 'Dead Portal', outcome: 'failure' })).toBe(1);
  expect(sample(after, 'portal_audit_entries_recorded_total', { source: 'Office Portal', outcome: 'success' })).toBe(2);
  expect(sample(after, 'portal_audit_entries_recorded_total', { source: 'Office Portal', outcome: 'failure' })).toBe(1);
  expect(sample(after, 'portal_audit_entries_recorded_total', { source: 'Dead Portal', outcome: 'failure' })).toBe(1);
  expect(sample(after, 'portal_audit_store_append_seconds_count', { op: 'append' })).toBe(4);
  expect(sample(after, 'portal_audit_store_append_seconds_count', { op: 'intend' })).toBe(4);
  expect(sample(after, 'portal_audit_commit_seconds_count')).toBe(4);
  expect(sample(after, 'portal_audit_store_sync_rounds_total')).toBeGreaterThanOrEqual(4);
  expect(sample(after, 'portal_audit_store_entries')).toBe(4);
  expect(sample(after, 'portal_audit_store_bytes')).toBeGreaterThan(0);
  expect(sample(after, 'portal_audit_open_intents')).toBe(0);
  expect(sample(after, 'portal_audit_upstream_errors_total', { source: 'Dead Portal', kind: 'error' })).toBe(1);
  expect(sample(after, 'portal_audit_upstream_errors_total', { source: 'Office Portal', kind: 'timeout' })).toBe(0);
  expect(sample(after, 'portal_audit_lookup_seconds_count', { kind: 'snapshot' })).toBe(3);
  expect(sample(after, 'portal_audit_lookup_seconds_count', { kind: 'nameFrom' })).toBe(1);
  expect(sample(after, 'portal_audit_lookups_total', { kind: 'snapshot', outcome: 'found' })).toBe(1);
  expect(sample(after, 'portal_audit_lookups_total', { kind: 'snapshot', outcome: 'missing' })).toBe(1);
  expect(sample(after, 'portal_audit_lookups_total', { kind: 'snapshot', outcome: 'error' })).toBe(1);
});

it('keeps two instances in one process apart (a registry each)', async () => {
  const dataDir = await mkdtemp(join(tmpdir(), 'pa-metrics-2-'));
  const other = await startPortalAudit({ config: { ...config, dataDir } });
  try {
    const res = await call(`${other.admin.url}/metrics`, { headers: bearer(other.admin.initialToken!) });
    expect(res.status).toBe(200);
    expect(sample(res.text, 'portal_audit_store_entries')).toBe(0);
    expect(sample(res.text, 'portal_audit_requests_total', { source: 'Office Portal', outcome: 'success' })).toBe(0);
  } finally {
    await other.close();
    await rm(dataDir, { force: true, recursive: true });
  }
});
