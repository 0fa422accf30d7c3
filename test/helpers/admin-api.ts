import { request as httpRequest, type IncomingHttpHeaders } from 'node:http';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { EntryDraft } from '../../shared/entry.ts';
import type { AdminApp } from '../../proxy/admin/app.ts';
import { createAdminServer } from '../../proxy/admin/server.ts';
import type { FailureLimits } from '../../proxy/admin/rate-limit.ts';
import { openTokenBook, type TokenBook } from '../../proxy/admin/tokens.ts';
import { parseConfig } from '../../proxy/config/load.ts';
import type { Config } from '../../proxy/config/schema.ts';
import { createSearchEngine } from '../../proxy/search/engine.ts';
import type { SearchEngine } from '../../proxy/search/types.ts';
import { createJsonStore } from '../../proxy/store/json/json-store.ts';
import type { Store } from '../../proxy/store/store.ts';

export interface HttpAnswer {
  status: number;
  headers: IncomingHttpHeaders;
  text: string;
  json<T = any>(): T;
}

/** A plain node:http request, so a test can pick the client address (127.0.0.2 is a second client). */
export function call(url: string, options: { method?: string; headers?: Record<string, string>; body?: string; localAddress?: string } = {}): Promise<HttpAnswer> {
  return new Promise((resolve, reject) => {
    const req = httpRequest(url, { method: options.method ?? 'GET', headers: options.headers, localAddress: options.localAddress }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('error', reject);
      res.on('end', () => {
        const text = Buffer.concat(chunks).toString('utf8');
        resolve({ status: res.statusCode!, headers: res.headers, text, json: () => JSON.parse(text) });
      });
    });
    req.on('error', reject);
    req.end(options.body);
  });
}

/** The answer as `call` gives it, from a fetch Response (app.request). */
async function answerOf(res: Response): Promise<HttpAnswer> {
  // As the wire has it: a CSV export starts with a byte-order mark that Response#text() would drop.
  const text = new TextDecoder('utf-8', { ignoreBOM: true }).decode(await res.arrayBuffer());
  const headers: IncomingHttpHeaders = {};
  res.headers.forEach((value, name) => (headers[name] = value));
  return { status: res.status, headers, text, json: () => JSON.parse(text) };
}

export type AdminRequest = (path: string, options?: { method?: string; headers?: Record<string, string>; body?: string; ip?: string }) => Promise<HttpAnswer>;

/** Calls the API's fetch handler without a socket; `ip` stands in for the client address the listener would see. */
export function requester(app: AdminApp['app']): AdminRequest {
  return async (path, { method = 'GET', headers, body, ip = '127.0.0.1' } = {}) => answerOf(await app.request(path, { method, headers, body }, { incoming: { socket: { remoteAddress: ip } } }));
}

export const bearer = (token: string) => ({ Authorization: `Bearer ${token}` });

/** A captured-looking entry draft; override what the test is about. */
export function draft(overrides: Partial<EntryDraft> = {}): EntryDraft {
  return {
    at: new Date().toISOString(),
    member: 'Pat Admin',
    memberKind: 'staff',
    username: 'pat.admin',
    source: 'Office Portal',
    ip: '10.0.0.7',
    verb: 'update',
    action: 'Updated student Jane Smith: level',
    method: 'PUT',
    path: '/api/students/42',
    status: 200,
    outcome: 'success',
    records: [{ type: 'student', id: '42', name: 'Jane Smith', op: 'update', link: '/students/42', changes: [{ field: 'level', before: 3, after: 4 }] }],
    requestId: `req-${Math.random().toString(36).slice(2)}`,
    userAgent: 'test',
    truncated: false,
    ...overrides,
  };
}

export interface AdminFixture {
  /** A real listener on 127.0.0.1, for tests about client addresses and the wire. */
  url: string;
  /** The same API without a socket (app.request), for route tests. */
  request: AdminRequest;
  dataDir: string;
  config: Config;
  store: Store;
  engine: SearchEngine;
  tokens: TokenBook;
  adminToken: string;
  auditorToken: string;
  close(): Promise<void>;
}

/** A real store, engine and admin server on 127.0.0.1 port 0 over a temp data folder. */
export async function startAdminFixture(
  options: { entries?: EntryDraft[]; failureLimits?: FailureLimits; dataDir?: string; searchCommitPauseMs?: number; extensionOrigins?: string[] } = {},
): Promise<AdminFixture> {
  const dataDir = options.dataDir ?? (await mkdtemp(join(tmpdir(), 'pa-admin-')));
  const config = parseConfig({
    dataDir,
    timezone: 'America/Chicago',
    admin: { listen: '127.0.0.1:0', ...(options.extensionOrigins ? { extensionOrigins: options.extensionOrigins } : {}) },
    portals: [{ listen: '127.0.0.1:0', target: 'http://127.0.0.1:9', source: 'Office Portal' }],
    records: [{ path: '/api/students/:id', type: 'student', name: '{before.firstName} {before.lastName}', link: '/students/{params.id}' }],
    actors: { directory: { root: { name: 'Robin Root', kind: 'staff' } } },
  });
  const store = createJsonStore({ dataDir, onNotice: () => {} });
  await store.open();
  for (const entry of options.entries ?? []) await store.append(entry);
  const engine = await createSearchEngine({ store, config });
  const tokens = await openTokenBook(dataDir);
  const adminToken = await tokens.create('root', 'admin');
  const auditorToken = await tokens.create('ann.auditor', 'auditor');
  const admin = createAdminServer({
    config,
    store,
    engine,
    tokens,
    portals: [{ source: 'Office Portal', url: 'http://127.0.0.1:8081' }],
    failureLimits: options.failureLimits,
    searchCommitPauseMs: options.searchCommitPauseMs,
  });
  const url = await admin.listen('127.0.0.1:0');
  return {
    url,
    request: requester(admin.app),
    dataDir,
    config,
    store,
    engine,
    tokens,
    adminToken,
    auditorToken,
    async close() {
      await admin.close();
      await engine.close();
      await store.close();
      if (!options.dataDir) await rm(dataDir, { recursive: true, force: true });
    },
  };
}
