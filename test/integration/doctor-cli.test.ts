import { execFile } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { expect, it, onTestFinished } from 'vitest';
import { startFakePortal } from '../helpers/fake-portal.ts';
import { proxyConfig } from '../helpers/spawned-proxy.ts';

const BIN = join(import.meta.dirname, '../../bin/portal-audit.mjs');
const run = (args: string[]) =>
  promisify(execFile)(process.execPath, [BIN, ...args]).then(
    (r) => ({ code: 0, out: r.stdout + r.stderr }),
    (e: { code: number; stdout: string; stderr: string }) => ({ code: e.code, out: e.stdout + e.stderr }),
  );

it('doctor checks targets, rule paths and a sample login, says what to fix, and exits 1 on problems', { timeout: 60_000 }, async () => {
  const portal = await startFakePortal();
  onTestFinished(() => portal.close());
  const dataDir = await mkdtemp(join(tmpdir(), 'pa-doctor-'));
  onTestFinished(() => rm(dataDir, { recursive: true, force: true }));
  const good = await proxyConfig(portal.url, dataDir, {
    actors: { login: { path: '/login' } },
    records: [{ path: '/api/students/:id', type: 'student' }],
  });
  const ok = await run(['doctor', '--config', good, '--username', 'pat.admin', '--password', 'right']);
  expect(ok.out).toMatch(/ok\s+Office Portal: .* accepts connections/);
  expect(ok.out).toMatch(/ok\s+records\[0\] \/api\/students\/:id: GET \/api\/students\/1 answered 200/);
  expect(ok.out).toMatch(/ok\s+login \/login: pat\.admin signed in/);
  expect(ok.out).not.toContain('right');
  expect(ok.code).toBe(0);

  const bad = await proxyConfig(portal.url, dataDir, {
    portals: [
      { listen: '127.0.0.1:0', target: portal.url, source: 'Office Portal' },
      { listen: '127.0.0.1:0', target: 'http://127.0.0.1:9', source: 'Gone Portal' },
    ],
    actors: { login: { path: '/login' } },
    records: [{ path: '/api/students/:id', type: 'student' }],
  });
  // The fake portal answers 404 only for a student it does not have.
  const problems = await run(['doctor', '--config', bad, '--username', 'pat.admin', '--password', 'wrong', '--sample-id', '999']);
  expect(problems.code).toBe(1);
  expect(problems.out).toMatch(/FIX\s+Gone Portal: http:\/\/127\.0\.0\.1:9 is not reachable \(ECONNREFUSED\)/);
  expect(problems.out).toMatch(/FIX\s+records\[0\] \/api\/students\/:id: GET \/api\/students\/999 answered 404/);
  expect(problems.out).toMatch(/FIX\s+login \/login: the sample login did not identify pat\.admin \(status 401/);
  expect(problems.out).toMatch(/3 problems/);
});
