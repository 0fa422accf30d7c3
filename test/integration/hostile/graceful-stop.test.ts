import { spawn } from 'node:child_process';
import { mkdtemp, readdir, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { Entry } from '../../../shared/entry.ts';
import { startCountingUpstream, type CountingUpstream } from '../../helpers/counting-upstream.ts';
import { sendRaw } from '../../helpers/raw-client.ts';

const BIN = join(import.meta.dirname, '../../../bin/portal-audit.mjs');

let upstream: CountingUpstream | undefined;
afterEach(() => upstream?.close());

async function logEntries(dataDir: string): Promise<Entry[]> {
  const dir = join(dataDir, 'log');
  const names = (await readdir(dir)).filter((n) => n.endsWith('.jsonl')).sort();
  const text = (await Promise.all(names.map((n) => readFile(join(dir, n), 'utf8')))).join('');
  return text
    .split('\n')
    .filter(Boolean)
    .map((line) => JSON.parse(line));
}

describe('SIGTERM with changes in flight', () => {
  it('lets them finish within shutdownGraceMs, logs each with its real outcome, cuts the rest short with a clear answer and an entry, and exits 0', async () => {
    // The portal answers /api/slow after a moment, /api/stuck only long after the grace.
    upstream = await startCountingUpstream((req, res) => {
      const delay = req.url.startsWith('/api/stuck') ? 60_000 : 800;
      const timer = setTimeout(() => res.writeHead(201, { 'content-type': 'application/json' }).end(JSON.stringify({ id: req.url.split('/').pop() })), delay);
      res.once('close', () => clearTimeout(timer));
    });
    const dir = await mkdtemp(join(tmpdir(), 'portal-audit-sigterm-'));
    const file = join(dir, 'portal-audit.config.json');
    await writeFile(
      file,
      JSON.stringify({ dataDir: 'data', admin: { listen: '127.0.0.1:0' }, shutdownGraceMs: 3000, portals: [{ listen: '127.0.0.1:0', target: upstream.url, source: 'Office Portal' }] }),
    );
    const child = spawn(process.execPath, [BIN, 'start', '--config', file], { stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    child.stdout.on('data', (d) => (out += d));
    child.stderr.on('data', (d) => (out += d));
    const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
    const url = await new Promise<string>((resolve, reject) => {
      child.stdout.on('data', () => {
        const m = /Office Portal\s+(http:\/\/127\.0\.0\.1:\d+)/.exec(out);
        if (m) resolve(m[1]!);
      });
      exited.then(() => reject(new Error(`exited early: ${out}`)), reject);
    });

    const post = (path: string) => sendRaw(url, path, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"firstName":"Ada"}' });
    const slow = [1, 2, 3, 4, 5].map((n) => post(`/api/slow/${n}`));
    const stuck = post('/api/stuck/9');
    await expect.poll(() => upstream!.received.length, { timeout: 10_000 }).toBe(6);
    child.kill('SIGTERM');

    for (const [i, answer] of (await Promise.all(slow)).entries()) {
      expect(answer.status).toBe(201);
      expect(answer.json()).toEqual({ id: String(i + 1) });
    }
    const cut = await stuck;
    expect(cut.status).toBe(503);
    expect(cut.json().error).toMatch(/stopped before the portal answered/);
    expect(await exited).toBe(0);

    const entries = await logEntries(join(dir, 'data'));
    const byPath = new Map(entries.map((e) => [e.path, e]));
    for (const n of [1, 2, 3, 4, 5]) expect(byPath.get(`/api/slow/${n}`)).toMatchObject({ status: 201, outcome: 'success' });
    expect(byPath.get('/api/stuck/9')).toMatchObject({ status: null, outcome: 'unknown' });
    expect(entries).toHaveLength(6);
    // Nothing was left as an open intent for the next start to recover.
    expect((await readFile(join(dir, 'data', 'intents.jsonl'), 'utf8').catch(() => '')).trim()).toBe('');
  });
});
