import { spawn, type ChildProcess } from 'node:child_process';
import net from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { parseConfig } from '../../../proxy/config/load.ts';
import { startHostileRig, type HostileRig } from '../../helpers/hostile-rig.ts';
import { sendRaw } from '../../helpers/raw-client.ts';

let proxy: HostileRig | undefined;
let frozen: ChildProcess | undefined;
const sockets: net.Socket[] = [];
afterEach(async () => {
  await proxy?.close();
  frozen?.kill('SIGKILL');
  for (const s of sockets.splice(0)) s.destroy();
  proxy = frozen = undefined;
});

const json = { headers: { 'content-type': 'application/json' }, body: '{"firstName":"Ada"}' };

/**
 * A portal that never accepts: a listener in a stopped process with its accept queue filled, so the
 * kernel drops further connection attempts and a connect hangs.
 */
async function startFrozenPortal(): Promise<string> {
  frozen = spawn(process.execPath, ['-e', "require('net').createServer().listen({ port: 0, host: '127.0.0.1', backlog: 1 }, function () { console.log(this.address().port) })"]);
  const port = await new Promise<number>((resolve) => frozen!.stdout!.once('data', (d: Buffer) => resolve(Number(d.toString().trim()))));
  frozen.kill('SIGSTOP');
  for (let i = 0; i < 4; i++) {
    const socket = net.connect(port, '127.0.0.1');
    socket.on('error', () => undefined);
    sockets.push(socket);
  }
  return `http://127.0.0.1:${port}`;
}

describe('timeouts towards the portal', () => {
  it('a portal that does not answer in time gives the client 504 and an entry with outcome failure', async () => {
    proxy = await startHostileRig({ handler: () => undefined, config: { upstream: { answerTimeoutMs: 300 }, records: [{ path: '/api/students', type: 'student', name: '{body.firstName}' }] } });
    const answer = await sendRaw(proxy.url, '/api/students', { method: 'POST', ...json });
    expect(answer.status).toBe(504);
    expect(answer.json().error).toMatch(/did not answer/);
    expect(proxy.upstream.received).toHaveLength(1);
    expect(await proxy.entries()).toEqual([expect.objectContaining({ method: 'POST', status: null, outcome: 'failure', records: [expect.objectContaining({ name: 'Ada' })] })]);
  });

  it('a read that the portal does not answer in time gets 504', async () => {
    proxy = await startHostileRig({ handler: () => undefined, config: { upstream: { answerTimeoutMs: 300 } } });
    expect((await sendRaw(proxy.url, '/api/students')).status).toBe(504);
  });

  it('a portal that does not accept the connection in time gives 504 and an entry with outcome failure', async () => {
    const target = await startFrozenPortal();
    proxy = await startHostileRig({ config: { upstream: { connectTimeoutMs: 300 }, portals: [{ listen: '127.0.0.1:0', target, source: 'Office Portal' }] } });
    const answer = await sendRaw(proxy.url, '/api/students', { method: 'POST', ...json });
    expect(answer.status).toBe(504);
    expect(answer.json().error).toMatch(/connection/);
    expect(await proxy.entries()).toEqual([expect.objectContaining({ status: null, outcome: 'failure' })]);
  });

  it('rejects a timeout that is not a positive number, naming the key', () => {
    expect(() => parseConfig({ portals: [{ listen: '127.0.0.1:0', target: 'http://127.0.0.1:1', source: 'Office Portal' }], upstream: { answerTimeoutMs: 0 } })).toThrow(/upstream\.answerTimeoutMs/);
  });
});
