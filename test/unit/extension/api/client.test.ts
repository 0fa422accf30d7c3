import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ApiClient, ApiFailure } from '../../../../extension/api/client.ts';
import { FACETS, makeEntry } from '../../../helpers/extension-fixtures.ts';

/** A tiny stand-in for the admin API on 127.0.0.1 serving fixture JSON, one answer per path. */
let server: Server;
let baseUrl: string;
const seen: { url: string; auth: string | undefined; body: string }[] = [];

const ANSWERS: Record<string, (req: IncomingMessage) => [number, unknown]> = {
  '/api/me': () => [200, { name: 'ada', role: 'admin' }],
  '/api/facets': () => [200, FACETS],
  '/api/entries': () => [
    200,
    {
      entries: [makeEntry()],
      total: 1,
      totalIsEstimate: false,
      nextCursor: null,
      histogram: [{ day: '2026-01-15', count: 1 }],
      bucket: 'day',
      parsed: { staff: [], sources: [], verbs: [], types: [], ips: [], terms: ['smith'], exclude: [], chips: [] },
    },
  ],
  '/api/verify': () => [200, { ok: true, checked: 'lots' }],
  '/api/audit-events': () => [201, { ok: true }],
  '/api/export': () => [200, 'Date and Time,Member Name\r\n'],
};

beforeAll(async () => {
  server = createServer((req, res) => {
    let body = '';
    req.on('data', (chunk: Buffer) => (body += chunk.toString()));
    req.on('end', () => {
      const url = new URL(req.url!, 'http://x');
      seen.push({ url: req.url!, auth: req.headers.authorization, body });
      const token = req.headers.authorization?.replace('Bearer ', '');
      let status: number;
      let payload: unknown;
      if (token === 'wrong') [status, payload] = [401, { error: 'unknown token' }];
      else if (token === 'auditor') [status, payload] = [403, { error: 'needs admin' }];
      else if (url.searchParams.get('limit') === '9999') [status, payload] = [400, { error: 'limit: must be at most 500', param: 'limit' }];
      else if (url.pathname === '/api/entries/nope') [status, payload] = [404, { error: 'no entry nope' }];
      else if (url.pathname.startsWith('/elsewhere/')) [status, payload] = [404, { error: `no such page ${url.pathname}` }];
      else if (ANSWERS[url.pathname]) [status, payload] = ANSWERS[url.pathname]!(req);
      else [status, payload] = [500, 'boom'];
      res.writeHead(status, { 'content-type': typeof payload === 'string' ? 'text/csv' : 'application/json' });
      res.end(typeof payload === 'string' ? payload : JSON.stringify(payload));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

const client = (token = 'good', url = baseUrl) => new ApiClient({ baseUrl: url, token });

async function failure(promise: Promise<unknown>): Promise<ApiFailure> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof ApiFailure) return error;
    throw error;
  }
  throw new Error('expected a failure');
}

describe('extension API client', () => {
  it('sends the token and parses a valid answer', async () => {
    expect(await client().me()).toEqual({ name: 'ada', role: 'admin' });
    expect(seen.at(-1)!.auth).toBe('Bearer good');
    expect((await client().facets()).timezone).toBe('America/Chicago');
  });

  it('sends filters as repeated parameters and returns the page', async () => {
    const page = await client().search({ q: 'smith', staff: ['admin', 'jdoe'], source: ['Office Portal'], from: '2026-01-15T06:00:00.000Z', limit: 50, cursor: 'abc' });
    expect(page.entries[0]!.member).toBe('Ada Admin');
    const params = new URL(seen.at(-1)!.url, 'http://x').searchParams;
    expect(params.getAll('staff')).toEqual(['admin', 'jdoe']);
    expect(params.get('source')).toBe('Office Portal');
    expect(params.get('cursor')).toBe('abc');
    expect(params.get('from')).toBe('2026-01-15T06:00:00.000Z');
  });

  it('posts the copy report as JSON and asks for the export without paging parameters, for the browser to download', async () => {
    await client().reportAuditEvent({ kind: 'copy', count: 2, query: 'q=smith', entryIds: ['a', 'b'] });
    expect(JSON.parse(seen.at(-1)!.body)).toEqual({ kind: 'copy', count: 2, query: 'q=smith', entryIds: ['a', 'b'] });
    const request = client().exportCsvRequest({ q: 'smith', limit: 50, cursor: 'abc' });
    const res = await fetch(request.url, { headers: request.headers });
    expect(await res.text()).toBe('Date and Time,Member Name\r\n');
    expect(seen.at(-1)!.auth).toBe('Bearer good');
    const params = new URL(seen.at(-1)!.url, 'http://x').searchParams;
    expect([params.get('format'), params.has('limit'), params.has('cursor')]).toEqual(['csv', false, false]);
  });

  it('says plainly what is wrong', async () => {
    expect((await failure(client('wrong').me())).message).toMatch(/^Token refused/);
    expect((await failure(client('auditor').me())).message).toMatch(/^Role too low/);
    const bad = await failure(client().search({ q: '', limit: 9999 }));
    expect([bad.kind, bad.param, bad.message]).toEqual(['bad-parameter', 'limit', 'Bad parameter limit: limit: must be at most 500']);
    expect((await failure(client().entry('nope'))).kind).toBe('not-found');
    expect((await failure(client().verify())).kind).toBe('bad-answer');
    expect((await failure(client('good', `${baseUrl}/nothing-here`).me())).kind).toBe('not-api');
  });

  it('says "this is not a Portal Audit admin API" when the URL answers with a web page', async () => {
    const portal = createServer((_req, res) => {
      res.writeHead(_req.url === '/api/me' ? 404 : 200, { 'content-type': 'text/html' });
      res.end('<!doctype html><title>Gym portal</title>');
    });
    await new Promise<void>((resolve) => portal.listen(0, '127.0.0.1', resolve));
    const portalUrl = `http://127.0.0.1:${(portal.address() as AddressInfo).port}`;
    try {
      const notFound = await failure(client('good', portalUrl).me());
      expect([notFound.kind, notFound.message]).toEqual(['not-api', `${portalUrl} answers, but this is not a Portal Audit admin API — check the URL in Options (npm start prints it).`]);
      expect((await failure(client('good', portalUrl).facets())).kind).toBe('not-api');
      // A portal whose API answers JSON errors of its own is not mistaken for ours either.
      expect((await failure(client('good', `${baseUrl}/elsewhere`).me())).kind).toBe('not-api');
    } finally {
      await new Promise<void>((resolve) => portal.close(() => resolve()));
    }
  });

  it('names the URL when the server is unreachable, and asks for a token before calling at all', async () => {
    const closed = createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const deadUrl = `http://127.0.0.1:${(closed.address() as AddressInfo).port}`;
    await new Promise<void>((resolve) => closed.close(() => resolve()));
    expect((await failure(client('good', deadUrl).me())).message).toBe(`Server unreachable at ${deadUrl} — is the Portal Audit proxy (npm start) running?`);

    const before = seen.length;
    expect((await failure(client('').me())).message).toMatch(/^No token yet — open Options/);
    expect(seen.length).toBe(before);
  });
});
