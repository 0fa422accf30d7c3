import { spawn } from 'node:child_process';
import { mkdtemp, writeFile } from 'node:fs/promises';
import { createServer } from 'node:http';
import { connect, type AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, it, onTestFinished } from 'vitest';

const BIN = join(import.meta.dirname, '../../../bin/portal-audit.mjs');

/** A portal that takes WebSocket upgrades and answers them only when the test says (a slow one). */
async function slowWebSocketPortal() {
  const held: Array<() => void> = [];
  const server = createServer((_req, res) => res.writeHead(200, { 'content-type': 'application/json' }).end('{"ok":true}'));
  server.on('upgrade', (_req, socket) => {
    socket.on('error', () => undefined);
    held.push(() => socket.end('HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n\r\n'));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  onTestFinished(() => {
    server.closeAllConnections();
    server.close();
  });
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, held };
}

/** Sends a WebSocket upgrade and tears the connection down with a reset once the portal has it. */
function upgradeThenReset(url: string, portalHas: () => boolean): Promise<void> {
  const { hostname, port } = new URL(url);
  return new Promise((resolve) => {
    const socket = connect(Number(port), hostname, () => {
      socket.write('GET /live HTTP/1.1\r\nHost: portal\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n\r\n');
      const wait = setInterval(() => {
        if (!portalHas()) return;
        clearInterval(wait);
        socket.resetAndDestroy();
        resolve();
      }, 5);
    });
    socket.on('error', () => resolve());
  });
}

it('a client that asks for a WebSocket and resets before the portal answers does not stop Portal Audit', { timeout: 60_000 }, async () => {
  const portal = await slowWebSocketPortal();
  const dir = await mkdtemp(join(tmpdir(), 'portal-audit-ws-reset-'));
  const file = join(dir, 'portal-audit.config.json');
  await writeFile(file, JSON.stringify({ dataDir: 'data', admin: { listen: '127.0.0.1:0' }, portals: [{ listen: '127.0.0.1:0', target: portal.url, source: 'Office Portal' }] }));
  const child = spawn(process.execPath, [BIN, 'start', '--config', file], { stdio: ['ignore', 'pipe', 'pipe'] });
  onTestFinished(() => void child.kill('SIGKILL'));
  let out = '';
  let err = '';
  child.stdout.on('data', (d) => (out += d));
  child.stderr.on('data', (d) => (err += d));
  const url = await new Promise<string>((resolve, reject) => {
    child.stdout.on('data', () => {
      const m = /Office Portal\s+(http:\/\/127\.0\.0\.1:\d+)/.exec(out);
      if (m) resolve(m[1]!);
    });
    child.on('exit', () => reject(new Error(`exited early: ${out}${err}`)));
  });

  for (let i = 1; i <= 5; i++) await upgradeThenReset(url, () => portal.held.length >= i);
  // The portal answers the upgrades now, to sockets whose clients are gone.
  for (const answer of portal.held) answer();

  const answer = await fetch(`${url}/api/students/1`);
  expect(answer.status).toBe(200);
  expect(child.exitCode).toBeNull();
  expect(err).not.toMatch(/ECONNRESET/);
});
