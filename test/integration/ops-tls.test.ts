import { readFile } from 'node:fs/promises';
import { createServer as createHttpsServer } from 'node:https';
import type { AddressInfo } from 'node:net';
import { expect, it, onTestFinished } from 'vitest';
import { startPortalAudit } from '../../proxy/app.ts';
import { parseConfig } from '../../proxy/config/load.ts';
import type { ConfigInput } from '../../proxy/config/schema.ts';
import { startFakePortal } from '../helpers/fake-portal.ts';
import { allEntries, scratchDataDir } from '../helpers/temp-store.ts';
import { httpsCall, liveCertificates, makeTestCa } from '../helpers/test-certs.ts';

/** Portal Audit with one portal listener (`portal` on top of its defaults) and the admin API, closed when the test ends. */
async function startAudit(portal: { target: string; tls?: { cert: string; key: string }; ca?: string }, records: ConfigInput['records']) {
  const config = parseConfig({ dataDir: await scratchDataDir(), admin: { listen: '127.0.0.1:0' }, portals: [{ listen: '127.0.0.1:0', source: 'Office Portal', ...portal }], records });
  const audit = await startPortalAudit({ config });
  onTestFinished(() => audit.close());
  return audit;
}

it('serves a portal listener over TLS, records through it, and takes a new certificate on reload', async () => {
  // The config names fixed files; reload picks up whatever they hold then.
  const { live, caPem, renew } = await liveCertificates();
  const portal = await startFakePortal();
  onTestFinished(() => portal.close());
  const audit = await startAudit({ target: portal.url, tls: live }, [{ path: '/api/students/:id', type: 'student' }]);
  const url = audit.portals[0]!.url;
  expect(url).toMatch(/^https:\/\/127\.0\.0\.1:\d+$/);
  const put = await httpsCall(`${url}/api/students/1`, caPem, { method: 'PUT', body: '{"level":"Gold"}' });
  expect(put).toMatchObject({ status: 200, cn: 'first' });
  expect((await allEntries(audit.store)).map((e) => [e.method, e.path, e.outcome])).toEqual([['PUT', '/api/students/1', 'success']]);

  await renew();
  audit.reloadTls();
  expect((await httpsCall(`${url}/api/students/1`, caPem)).cn).toBe('second');
});

it('verifies an HTTPS portal: unknown CA is a 502 and a failure entry with nothing sent; with `ca` it goes through', async () => {
  const ca = await makeTestCa();
  const { cert, key } = await ca.issue('portal');
  const received: string[] = [];
  const upstream = createHttpsServer({ cert: await readFile(cert), key: await readFile(key) }, (req, res) => {
    received.push(`${req.method} ${req.url}`);
    req.resume();
    req.on('end', () => res.writeHead(200, { 'content-type': 'application/json' }).end('{"id":"1","level":"Gold"}'));
  });
  await new Promise<void>((resolve) => upstream.listen(0, '127.0.0.1', resolve));
  onTestFinished(() => new Promise<void>((resolve) => upstream.close(() => resolve())));
  const target = `https://127.0.0.1:${(upstream.address() as AddressInfo).port}`;

  for (const trusted of [false, true]) {
    const audit = await startAudit({ target, ...(trusted ? { ca: ca.caFile } : {}) }, [{ path: '/api/students/:id', type: 'student', snapshot: false }]);
    const res = await fetch(`${audit.portals[0]!.url}/api/students/1`, { method: 'PUT', body: '{"level":"Gold"}', headers: { 'content-type': 'application/json' } });
    const [entry] = await allEntries(audit.store);
    if (!trusted) {
      expect(res.status).toBe(502);
      expect(entry).toMatchObject({ path: '/api/students/1', outcome: 'failure' });
      expect(received).toEqual([]);
      // A read is not downgraded either.
      expect((await fetch(`${audit.portals[0]!.url}/api/students/1`)).status).toBe(502);
      expect(received).toEqual([]);
    } else {
      expect(res.status).toBe(200);
      expect(entry).toMatchObject({ path: '/api/students/1', outcome: 'success' });
      expect(received).toEqual(['PUT /api/students/1']);
    }
  }
});
