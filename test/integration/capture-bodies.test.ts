import { randomBytes } from 'node:crypto';
import http from 'node:http';
import { afterEach, describe, expect, it } from 'vitest';
import { jsonBody, startCaptureRig, type CaptureRig } from '../helpers/capture-rig.ts';

let rig: CaptureRig;
afterEach(() => rig?.close());

describe('body capture and pass-through', () => {
  it('forwards a binary body over the cap byte for byte and marks the entry truncated', async () => {
    rig = await startCaptureRig({ captureBodyLimit: 1024 });
    const body = randomBytes(300 * 1024);
    const answer = await rig.send('/upload', { method: 'POST', headers: { 'content-type': 'application/octet-stream' }, body });
    expect(answer.json()).toEqual({ bytes: body.length });
    expect(rig.portal.received.at(-1)!.body.equals(body)).toBe(true);
    expect(await rig.lastEntry()).toMatchObject({ truncated: true, path: '/upload', outcome: 'success' });
  });

  it('keeps small bodies whole and not truncated', async () => {
    rig = await startCaptureRig({ captureBodyLimit: 1024 });
    await rig.send('/api/students/1', { method: 'PATCH', ...jsonBody({ level: 'Elite' }) });
    expect(await rig.lastEntry()).toMatchObject({ truncated: false, action: 'Updated student Jane Smith: level' });
  });

  it('releases a response larger than the cap whole, after logging it as truncated', async () => {
    rig = await startCaptureRig({ captureBodyLimit: 1024 });
    const big = { notes: 'x'.repeat(200 * 1024) };
    const answer = await rig.send('/api/students/1', { method: 'PATCH', ...jsonBody(big) });
    expect(answer.json()).toMatchObject({ id: '1', notes: big.notes });
    expect(await rig.lastEntry()).toMatchObject({ truncated: true, status: 200 });
  });

  it('streams server-sent events through unbuffered and passes WebSocket upgrades', async () => {
    rig = await startCaptureRig();
    rig.portal.server.removeAllListeners('request');
    rig.portal.server.on('request', (_req, res) => {
      res.writeHead(200, { 'content-type': 'text/event-stream' });
      res.write('data: first\n\n');
    });
    rig.portal.server.on('upgrade', (req, socket) => {
      socket.write(`HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nX-Seen-Path: ${req.url}\r\n\r\n`);
      socket.on('data', (d) => socket.write(d));
      // Upgraded sockets are half-open by default in node:http; end ours when the proxy ends its side.
      socket.on('end', () => socket.destroy());
    });
    const proxyPort = Number(new URL(rig.url).port);

    const first = await new Promise<string>((resolve, reject) => {
      const req = http.get({ host: '127.0.0.1', port: proxyPort, path: '/events' }, (res) =>
        res.once('data', (d: Buffer) => {
          resolve(d.toString());
          req.destroy();
        }),
      );
      req.on('error', reject);
    });
    expect(first).toBe('data: first\n\n');

    const echoed = await new Promise<string>((resolve, reject) => {
      const req = http.request({ host: '127.0.0.1', port: proxyPort, path: '/socket', headers: { connection: 'Upgrade', upgrade: 'websocket' } });
      req.on('upgrade', (res, socket) => {
        expect(res.headers['x-seen-path']).toBe('/socket');
        socket.once('data', (d) => {
          resolve(d.toString());
          socket.destroy();
        });
        socket.write('ping');
      });
      req.on('error', reject);
      req.end();
    });
    expect(echoed).toBe('ping');
    expect(await rig.entries()).toHaveLength(0);
  });
});
