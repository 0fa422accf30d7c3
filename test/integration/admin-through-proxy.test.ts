import { mkdtemp, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { RecordHistoryResponse, SearchResponse } from '../../shared/api.ts';
import { AUDIT_LOG_SOURCE } from '../../shared/entry.ts';
import { initialTokenFile } from '../../proxy/admin/initial-token.ts';
import { startPortalAudit, type PortalAudit } from '../../proxy/app.ts';
import { parseConfig } from '../../proxy/config/load.ts';
import type { Config } from '../../proxy/config/schema.ts';
import { bearer, call } from '../helpers/admin-api.ts';
import { startFakePortal } from '../helpers/fake-portal.ts';

let portal: Awaited<ReturnType<typeof startFakePortal>>;
let audit: PortalAudit;
let config: Config;
let token: string;

beforeAll(async () => {
  portal = await startFakePortal();
  config = parseConfig({
    dataDir: await mkdtemp(join(tmpdir(), 'pa-admin-proxy-')),
    timezone: 'America/Chicago',
    admin: { listen: '127.0.0.1:0' },
    portals: [{ listen: '127.0.0.1:0', target: portal.url, source: 'Office Portal' }],
    actors: { basic: true, directory: { 'pat.admin': { name: 'Pat Admin', kind: 'staff' } } },
    records: [{ path: '/api/students/:id', type: 'student', name: '{before.firstName} {before.lastName}', link: '/students/{params.id}' }],
  });
  audit = await startPortalAudit({ config });
  token = audit.admin.initialToken!;
  const basic = `Basic ${Buffer.from('pat.admin:secret').toString('base64')}`;
  const put = await call(`${audit.portals[0]!.url}/api/students/1`, {
    method: 'PUT',
    headers: { Authorization: basic, 'Content-Type': 'application/json' },
    body: JSON.stringify({ level: 'Advanced' }),
  });
  expect(put.status).toBe(200);
});
afterAll(async () => {
  await audit?.close();
  await portal?.close();
  await rm(config.dataDir, { recursive: true, force: true });
});

it('starts the admin API with a first admin token kept in a 0600 file', async () => {
  expect(token).toMatch(/^pa_/);
  expect((await stat(initialTokenFile(config.dataDir))).mode & 0o777).toBe(0o600);
  expect((await call(`${audit.admin.url}/api/me`, { headers: bearer(token) })).json()).toEqual({ name: 'admin', role: 'admin' });
});

it('finds an entry captured through the proxy, with its change, and its record history', async () => {
  const res = await call(`${audit.admin.url}/api/entries?q=${encodeURIComponent('pat.admin smith')}`, { headers: bearer(token) });
  const body = SearchResponse.parse(res.json());
  const captured = body.entries.filter((e) => e.source === 'Office Portal');
  expect(captured).toHaveLength(1);
  expect(captured[0]).toMatchObject({ member: 'Pat Admin', username: 'pat.admin', verb: 'update', method: 'PUT', ip: '127.0.0.1' });
  expect(captured[0]!.records[0]).toMatchObject({ type: 'student', id: '1', name: 'Jane Smith', link: '/students/1' });
  expect(captured[0]!.records[0]!.changes).toContainEqual({ field: 'level', before: 'Beginner', after: 'Advanced' });

  const history = RecordHistoryResponse.parse((await call(`${audit.admin.url}/api/records/student/1`, { headers: bearer(token) })).json());
  expect(history.entries.map((e) => e.id)).toEqual([captured[0]!.id]);

  const own = SearchResponse.parse((await call(`${audit.admin.url}/api/entries?source=${encodeURIComponent(AUDIT_LOG_SOURCE)}`, { headers: bearer(token) })).json());
  expect(own.entries.map((e) => e.action)).toEqual(expect.arrayContaining(['Searched the audit log for "pat.admin smith" (1 match)', 'Viewed the history of student 1 (1 entry)']));
});

it('makes no new token on the next start', async () => {
  await audit.close();
  audit = await startPortalAudit({ config });
  expect(audit.admin.initialToken).toBeNull();
  expect((await call(`${audit.admin.url}/api/me`, { headers: bearer(token) })).status).toBe(200);
});
