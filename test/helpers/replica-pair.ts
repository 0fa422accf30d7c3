import { execFile } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { promisify } from 'node:util';
import pg from 'pg';
import { onTestFinished } from 'vitest';
import type { Entry } from '../../shared/entry.ts';
import { initialTokenFile } from '../../proxy/admin/initial-token.ts';
import { createStore } from '../../proxy/store/create-store.ts';
import { send } from './capture-rig.ts';
import { LOGIN_DIRECTORY, NOTE_RULES, startLoginPortal } from './login-portal.ts';
import { scratchDatabase } from './postgres.ts';
import { proxyConfig, spawnProxy, type SpawnedProxy } from './spawned-proxy.ts';
import { scratchDataDir } from './temp-store.ts';

const BIN = join(import.meta.dirname, '../../bin/portal-audit.mjs');

export interface Replica {
  name: string;
  configFile: string;
  dataDir: string;
  proxy: SpawnedProxy;
}

/** `portal-audit ARGS --config FILE` as its own process: exit code and output. */
export async function cliWith(configFile: string, ...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  try {
    const { stdout, stderr } = await promisify(execFile)(process.execPath, [BIN, ...args, '--config', configFile]);
    return { code: 0, stdout, stderr };
  } catch (err) {
    const e = err as { code: number; stdout: string; stderr: string };
    return { code: e.code, stdout: e.stdout, stderr: e.stderr };
  }
}

/**
 * The login portal (real HTTP) and a fresh database; replicas are `portal-audit start` processes in
 * front of that portal, each with its own data folder and port, all recording into the one database.
 */
export async function startReplicaRig() {
  const db = await scratchDatabase();
  onTestFinished(() => db.drop());
  const portal = await startLoginPortal();
  onTestFinished(() => portal.close());
  const actors = { login: { path: '/login', logoutPath: '/logout' }, directory: LOGIN_DIRECTORY };

  async function replica(name: string, dataDir?: string): Promise<Replica> {
    const dir = dataDir ?? (await scratchDataDir());
    const configFile = await proxyConfig(portal.url, dir, { store: { driver: 'postgres', url: db.url }, actors, records: NOTE_RULES });
    return { name, configFile, dataDir: dir, proxy: await spawnProxy(configFile) };
  }

  /** `clients` clients in parallel, each changing `each` notes of its own through `proxyUrl`; resolves with how many answers came back. */
  async function mutate(proxyUrl: string, tag: string, { clients = 16, each = 4 } = {}): Promise<number> {
    let answered = 0;
    await Promise.all(
      Array.from({ length: clients }, async (_, k) => {
        for (let i = 0; i < each; i++) {
          const id = `${tag}-${k}-${i}`;
          portal.notes.set(id, { id, title: `Note ${id}`, status: 'open' });
          const sent = send(`${proxyUrl}/api/notes/${id}`, { method: 'PUT', headers: { 'content-type': 'application/json', 'x-authenticated-user': 'bob.builder' }, body: '{"status":"done"}' });
          // A replica killed under load cuts its clients off; what matters is what reached the portal.
          if (
            (await sent.then(
              (a) => a.status,
              () => null,
            )) !== null
          )
            answered++;
        }
      }),
    );
    return answered;
  }

  /** Every entry in the database, read as `verify` and `tail` would (read-only). */
  async function entries(): Promise<Entry[]> {
    const store = createStore({ dataDir: '/nonexistent', store: { driver: 'postgres', url: db.url } }, { readOnly: true, onNotice: () => undefined });
    await store.open();
    try {
      const out: Entry[] = [];
      for await (const entry of store.readSeq(1)) out.push(entry);
      return out;
    } finally {
      await store.close();
    }
  }

  /** Intents still open in the database: requests a replica was forwarding, not yet logged. */
  async function openIntents(): Promise<number> {
    const client = new pg.Client({ connectionString: db.url });
    await client.connect();
    try {
      return Number((await client.query<{ n: string }>('SELECT count(*) AS n FROM intents')).rows[0]!.n);
    } finally {
      await client.end();
    }
  }

  /** The paths of the changes the portal received (PUT, DELETE, POST), one per request. */
  const portalChanges = () => portal.received.filter((r) => r.method !== 'GET').map((r) => `${r.method} ${r.url}`);

  /** The seqs of `source`'s entries as the replica's admin search API finds them, every page. */
  async function searchSeqs(adminUrl: string, token: string, source = 'Office Portal'): Promise<number[]> {
    const seqs: number[] = [];
    let cursor: string | null = null;
    do {
      const query: string = `source=${encodeURIComponent(source)}&limit=500${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`;
      const answer = await send(`${adminUrl}/api/entries?${query}`, { headers: { authorization: `Bearer ${token}` } });
      if (answer.status !== 200) throw new Error(`search answered ${answer.status}: ${answer.body.toString()}`);
      const page = answer.json<{ entries: Entry[]; nextCursor: string | null }>();
      seqs.push(...page.entries.map((e) => e.seq));
      cursor = page.nextCursor;
    } while (cursor);
    return seqs.sort((a, b) => a - b);
  }

  /** The first admin token, from whichever replica made it. */
  async function adminToken(replicas: readonly Replica[]): Promise<string> {
    for (const r of replicas) {
      const text = await readFile(initialTokenFile(r.dataDir), 'utf8').catch(() => null);
      if (text) return text.trim();
    }
    throw new Error('no replica made the first admin token');
  }

  return { db, portal, replica, mutate, entries, openIntents, portalChanges, searchSeqs, adminToken };
}
