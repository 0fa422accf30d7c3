import { copyFile, mkdtemp, readFile, rm } from 'node:fs/promises';
import { createServer as createHttpsServer, request as httpsRequest } from 'node:https';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TLSSocket } from 'node:tls';
import { expect, it, onTestFinished } from 'vitest';
import { startPortalAudit } from '../../proxy/app.ts';
import { parseConfig } from '../../proxy/config/load.ts';
import type { Entry } from '../../shared/entry.ts';
import { startFakePortal } from '../helpers/fake-portal.ts';
import { makeTestCa } from '../helpers/test-certs.ts';

/** An HTTPS request trusting only `ca`; resolves with the status, body and the server certificate's CN. */
function httpsCall(url: string, ca: string, options: { method?: string; body?: string } = {}) {
  return new Promise<{ status: number; text: string; cn: string }>((resolve, reject) => {
    const req = httpsRequest(url, { method: options.method ?? 'GET', ca, agent: false, headers: { 'content-type': 'application/json' } }, (res) => {
      const cn = String((res.socket as TLSSocket).getPeerCertificate().subject.CN);
      let text = '';
      res.on('data', (c) => (text += c));
      res.on('end', () => resolve({ status: res.statusCode!, text, cn }));
    });
    req.on('error', reject);
    req.end(options.body);
  });
}

async function entriesOf(store: { readSeq(from: number): AsyncIterable<Entry> }): Promise<Entry[]> {
  const out: Entry[] = [];
  for await (const e of store.readSeq(1)) out.push(e);
  return out;
}

it('serves a portal listener over TLS, records through it, and takes a new certificate on reload', async () => {
  const ca = await makeTestCa();
  onTestFinished(() => rm(ca.dir, { recursive: true, force: true }));
  const first = await ca.issue('first');
  const second = await ca.issue('second');
  // The config names fixed files; reload picks up whatever they hold then.
  const live = { cert: join(ca.dir, 'live.crt'), key: join(ca.dir, 'live.key') };
  await copyFile(first.cert, live.cert);
  await copyFile(first.key, live.key);
  const portal = await startFakePortal();
  onTestFinished(() => portal.close());
  const dataDir = await mkdtemp(join(tmpdir(), 'pa-tls-'));
  onTestFinished(() => rm(dataDir, { recursive: true, force: true }));
  const audit = await startPortalAudit({
    config: parseConfig({
      dataDir,
      admin: { listen: '127.0.0.1:0' },
      portals: [{ listen: '127.0.0.1:0', target: portal.url, source: 'Office Portal', tls: live }],
      records: [{ path: '/api/students/:id', type: 'student' }],
    }),
  });
  onTestFinished(() => audit.close());
  const caPem = await readFile(ca.caFile, 'utf8');
  const url = audit.portals[0]!.url;
  expect(url).toMatch(/^https:\/\/127\.0\.0\.1:\d+$/);
  const put = await httpsCall(`${url}/api/students/1`, caPem, { method: 'PUT', body: '{"level":"Gold"}' });
  expect(put).toMatchObject({ status: 200, cn: 'first' });
  expect((await entriesOf(audit.store)).map((e) => [e.method, e.path, e.outcome])).toEqual([['PUT', '/api/students/1', 'success']]);

  await copyFile(second.cert, live.cert);
  await copyFile(second.key, live.key);
  audit.reloadTls();
  expect((await httpsCall(`${url}/api/students/1`, caPem)).cn).toBe('second');
});

it('verifies an HTTPS portal: unknown CA is a 502 and a failure entry with nothing sent; with `ca` it goes through', async () => {
  const ca = await makeTestCa();
  onTestFinished(() => rm(ca.dir, { recursive: true, force: true }));
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
    const dataDir = await mkdtemp(join(tmpdir(), 'pa-tls-up-'));
    onTestFinished(() => rm(dataDir, { recursive: true, force: true }));
    const audit = await startPortalAudit({
      config: parseConfig({
        dataDir,
        admin: { listen: '127.0.0.1:0' },
        portals: [{ listen: '127.0.0.1:0', target, source: 'Office Portal', ...(trusted ? { ca: ca.caFile } : {}) }],
        records: [{ path: '/api/students/:id', type: 'student', snapshot: false }],
      }),
    });
    try {
      const res = await fetch(`${audit.portals[0]!.url}/api/students/1`, { method: 'PUT', body: '{"level":"Gold"}', headers: { 'content-type': 'application/json' } });
      const [entry] = await entriesOf(audit.store);
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
    } finally {
      await audit.close();
    }
  }
});
