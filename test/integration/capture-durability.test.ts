import { readdir, readFile, rm, symlink, writeFile } from 'node:fs/promises';
import http from 'node:http';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { jsonBody, send, startCaptureRig, type CaptureRig } from '../helpers/capture-rig.ts';

let rig: CaptureRig;
afterEach(() => rig?.close());

async function logText(dataDir: string): Promise<string> {
  const dir = join(dataDir, 'log');
  const names = (await readdir(dir)).filter((n) => n.endsWith('.jsonl'));
  return (await Promise.all(names.map((n) => readFile(join(dir, n), 'utf8')))).join('');
}

describe('no unaudited change', () => {
  it.each([
    ['the intent journal is on a full disk', (dataDir: string) => symlink('/dev/full', join(dataDir, 'intents.jsonl'))],
    [
      'the log folder is gone and its path is a file',
      async (dataDir: string) => {
        await rm(join(dataDir, 'log'), { recursive: true, force: true });
        await writeFile(join(dataDir, 'log'), 'not a folder');
      },
    ],
    [
      'the data folder is gone and its path is a file',
      async (dataDir: string) => {
        await rm(dataDir, { recursive: true, force: true });
        await writeFile(dataDir, 'not a folder');
      },
    ],
  ])('refuses a mutation with 503 before it reaches the portal when %s; reads keep flowing', async (_what, breakStore) => {
    rig = await startCaptureRig();
    await breakStore(rig.dataDir);
    for (let i = 0; i < 2; i++) {
      const answer = await rig.send('/api/students/1', { method: 'PATCH', ...jsonBody({ level: 'Elite' }) });
      expect(answer.status).toBe(503);
      expect(answer.json().error).toMatch(/audit log/);
    }
    expect(rig.portal.received.filter((r) => r.method !== 'GET')).toEqual([]);
    expect(rig.portal.students.get('1')!.level).toBe('Beginner');
    const read = await rig.send('/api/students/1');
    expect(read.status).toBe(200);
    expect(read.json().firstName).toBe('Jane');
  });

  it('has the entry on disk when the client gets the response', async () => {
    rig = await startCaptureRig();
    const answer = await rig.send('/api/students/1', { method: 'PATCH', ...jsonBody({ status: 'paused' }) });
    expect(answer.status).toBe(200);
    const lines = (await logText(rig.dataDir))
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l));
    expect(lines.at(-1)).toMatchObject({ method: 'PATCH', path: '/api/students/1', action: 'Updated student Jane Smith: status' });
  });

  it('answers 502 and logs a failure when the portal is unreachable', async () => {
    rig = await startCaptureRig((target) => ({ portals: [{ listen: '127.0.0.1:0', target: target.replace(/:\d+$/, ':1'), source: 'Office Portal' }] }));
    const answer = await rig.send('/api/students', { method: 'POST', ...jsonBody({ firstName: 'Ada', lastName: 'King' }) });
    expect(answer.status).toBe(502);
    expect(answer.json()).toEqual({ error: 'The portal could not be reached.' });
    expect(await rig.lastEntry()).toMatchObject({ status: null, outcome: 'failure', action: 'Failed to create student Ada King' });
  });

  it('still writes the entry when the client hangs up before the answer', async () => {
    rig = await startCaptureRig();
    let release!: () => void;
    const gate = new Promise<void>((resolve) => (release = resolve));
    rig.portal.server.removeAllListeners('request');
    rig.portal.server.on('request', (req, res) => {
      req.resume();
      req.on('end', () => {
        if (req.method === 'DELETE') release();
        setTimeout(() => res.end('{}'), 200);
      });
    });
    const req = http.request(`${rig.url}/api/students/1`, { method: 'DELETE' });
    req.on('error', () => undefined);
    req.end();
    await gate;
    req.destroy();
    await expect.poll(async () => (await rig.entries()).length, { timeout: 5000 }).toBe(1);
    expect(await rig.lastEntry()).toMatchObject({ method: 'DELETE', path: '/api/students/1' });
    expect(await send(`${rig.url}/api/students/2`)).toMatchObject({ status: 200 });
  });
});
