import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CoverageReport } from '../../shared/api.ts';
import { ApiClient } from '../../extension/api/client.ts';
import { bearer, call, draft, startAdminFixture } from '../helpers/admin-api.ts';
import { jsonBody, startCaptureRig, type CaptureRig } from '../helpers/capture-rig.ts';

const bin = fileURLToPath(new URL('../../bin/portal-audit.mjs', import.meta.url));
let rig: CaptureRig;

beforeAll(async () => {
  rig = await startCaptureRig();
  const login = await rig.send('/login', { method: 'POST', ...jsonBody({ username: 'pat.admin', password: 'right' }) });
  const cookie = String(login.headers['set-cookie']![0]).split(';')[0]!;
  const as = (headers: Record<string, string> = {}) => ({ headers: { cookie, ...headers } });
  await rig.send('/api/students/1', { method: 'PUT', ...jsonBody({ level: 'Elite' }), ...as({ 'content-type': 'application/json' }) });
  await rig.send('/api/widgets/9', { method: 'PATCH', ...jsonBody({ color: 'red' }), ...as({ 'content-type': 'application/json' }) });
  await rig.send('/api/widgets/10', { method: 'PATCH', ...jsonBody({ color: 'blue' }) });
  await rig.send('/api/families/7/contacts/550e8400-e29b-41d4-a716-446655440000', { method: 'DELETE', ...as() });
  await rig.send('/api/students/1', as());
});
afterAll(() => rig?.close());

describe('coverage: what the record rules miss', () => {
  it('GET /api/coverage reports each method and path pattern, unmatched first with a draft rule', async () => {
    const answer = await call(`${rig.admin.url}/api/coverage`, { headers: bearer(rig.admin.initialToken!) });
    expect(answer.status).toBe(200);
    const report = CoverageReport.parse(answer.json());
    expect(report).toMatchObject({ mutations: 4, matched: 1, named: 3, unmatchedEndpoints: 2, truncated: false });
    expect(report.endpoints.map((e) => [e.method, e.pattern, e.seen, e.matched, e.named])).toEqual([
      ['PATCH', '/api/widgets/:id', 2, 0, 1],
      ['DELETE', '/api/families/:id/contacts/:id', 1, 0, 1],
      ['PUT', '/api/students/:id', 1, 1, 1],
    ]);
    expect(report.endpoints[0]!.suggestedRule).toEqual({ method: 'PATCH', path: '/api/widgets/:id', type: 'widget' });
    expect(report.endpoints[1]!.suggestedRule).toEqual({ method: 'DELETE', path: '/api/families/:familyId/contacts/:id', type: 'contact' });
    expect(report.endpoints[2]!.suggestedRule).toBeNull();
    // The extension's client reads the same answer.
    expect(await new ApiClient({ baseUrl: rig.admin.url, token: rig.admin.initialToken! }).coverage()).toEqual(report);
  });

  it('portal-audit coverage prints the summary, the table and the draft rules; --json the report', async () => {
    const run = (...args: string[]) => promisify(execFile)(process.execPath, [bin, 'coverage', '--data-dir', rig.dataDir, ...args], { cwd: rig.dataDir });
    const { stdout } = await run();
    expect(stdout).toMatch(/^25% of changes name their record; 2 endpoints have no rule \(1 of 4 changes; 3 name who acted\)$/m);
    expect(stdout).toMatch(/^PATCH\s+\/api\/widgets\/:id\s+2\s+0\s+1\s+\d\d\/\d\d\/\d{4} /m);
    expect(stdout).toContain('{"method":"DELETE","path":"/api/families/:familyId/contacts/:id","type":"contact"},');
    const json = CoverageReport.parse(JSON.parse((await run('--json')).stdout));
    expect(json.mutations).toBe(4);
    // Two CLI processes on a machine the other suites share: a bounded, generous wait.
  }, 90_000);

  it('is for admins only', async () => {
    const fixture = await startAdminFixture({ entries: [draft(), draft({ method: 'POST', path: '/api/widgets', records: [] })] });
    try {
      expect((await call(`${fixture.url}/api/coverage`, { headers: bearer(fixture.auditorToken) })).status).toBe(403);
      expect((await call(`${fixture.url}/api/coverage`)).status).toBe(401);
      const answer = await call(`${fixture.url}/api/coverage?x=1`, { headers: bearer(fixture.adminToken) });
      expect(answer.status).toBe(400);
      const report = CoverageReport.parse((await call(`${fixture.url}/api/coverage`, { headers: bearer(fixture.adminToken) })).json());
      expect(report).toMatchObject({ mutations: 2, matched: 1, unmatchedEndpoints: 1 });
    } finally {
      await fixture.close();
    }
  });
});
