import http from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startHostileRig, type HostileRig } from '../../helpers/hostile-rig.ts';
import { sendRaw } from '../../helpers/raw-client.ts';

let proxy: HostileRig;
const upgrades: Array<{ rawPath: string; headers: http.IncomingHttpHeaders }> = [];

/** What a forging client sends: who it claims to be and where it claims to come from. */
const CLAIMS: Record<string, string> = {
  'x-authenticated-user': 'pat.admin',
  forwarded: 'for=10.9.9.9;proto=https',
  'x-real-ip': '10.9.9.9',
  'true-client-ip': '10.9.9.9',
  'x-client-ip': '10.9.9.9',
  'cf-connecting-ip': '10.9.9.9',
  'fastly-client-ip': '10.9.9.9',
  'x-cluster-client-ip': '10.9.9.9',
  'x-original-forwarded-for': '10.9.9.9',
  'x-forwarded-for': '10.9.9.9',
  'x-forwarded-host': 'evil.example',
  'x-forwarded-proto': 'https',
  'x-forwarded-port': '443',
  'x-forwarded-user': 'pat.admin',
  'x-forwarded-prefix': '/admin',
  'x-original-url': '/api/students/1',
};

beforeAll(async () => {
  proxy = await startHostileRig({ config: { trustedProxies: ['127.0.0.1'], actors: { header: 'X-Authenticated-User' } } });
  proxy.upstream.server.on('upgrade', (req, socket) => {
    upgrades.push({ rawPath: req.url ?? '', headers: req.headers });
    socket.end('HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n\r\n');
  });
});
afterAll(() => proxy?.close());
const portal = {
  get received() {
    return proxy.upstream.received;
  },
};

const claimed = (headers: http.IncomingHttpHeaders) => Object.keys(CLAIMS).filter((name) => name in headers && headers[name]!.includes(CLAIMS[name]!));

describe('identity and forwarding claims', () => {
  it.each(['GET', 'POST'])('from an untrusted client (127.0.0.2) never reach the portal (%s)', async (method) => {
    const before = portal.received.length;
    await sendRaw(proxy.url, '/api/students/1', { method, headers: { ...CLAIMS, 'content-type': 'application/json' }, body: method === 'POST' ? '{}' : undefined, localAddress: '127.0.0.2' });
    const [got] = portal.received.slice(before);
    expect(claimed(got!.headers)).toEqual([]);
    // The proxy says who the client really is, and only that.
    expect(got!.headers['x-forwarded-for']).toBe('127.0.0.2');
  });

  it('from an untrusted client name nobody in the entry', async () => {
    await sendRaw(proxy.url, '/api/students/1', { method: 'PATCH', headers: { ...CLAIMS, 'content-type': 'application/json' }, body: '{}', localAddress: '127.0.0.2' });
    const entry = (await proxy.entries()).filter((e) => e.method === 'PATCH').at(-1);
    expect(entry).toMatchObject({ username: null, ip: '127.0.0.2' });
  });

  it('from a trusted proxy (127.0.0.1) pass on', async () => {
    const before = portal.received.length;
    await sendRaw(proxy.url, '/api/students/1', { method: 'POST', headers: { ...CLAIMS, 'content-type': 'application/json' }, body: '{}' });
    const [got] = portal.received.slice(before);
    expect(claimed(got!.headers).sort()).toEqual(Object.keys(CLAIMS).sort());
    expect((await proxy.entries()).at(-1)).toMatchObject({ username: 'pat.admin', ip: '10.9.9.9' });
  });

  it('on a WebSocket upgrade from an untrusted client are stripped too, and the path is kept', async () => {
    const { hostname, port } = new URL(proxy.url);
    await new Promise<void>((resolve, reject) => {
      const req = http.request({ host: hostname, port, path: '/live//feed', localAddress: '127.0.0.2', headers: { ...CLAIMS, connection: 'Upgrade', upgrade: 'websocket' } });
      req.on('upgrade', (_res, socket) => {
        socket.destroy();
        resolve();
      });
      req.on('error', reject);
      req.end();
    });
    expect(upgrades.at(-1)!.rawPath).toBe('/live//feed');
    expect(claimed(upgrades.at(-1)!.headers)).toEqual([]);
  });
});
