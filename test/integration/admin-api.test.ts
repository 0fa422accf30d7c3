import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Facets, RecordHistoryResponse, SearchResponse, VerifyResponse, WhoAmI } from '../../shared/api.ts';
import { AUDIT_LOG_SOURCE, Entry } from '../../shared/entry.ts';
import { bearer, draft, startAdminFixture, type AdminFixture } from '../helpers/admin-api.ts';

let fx: AdminFixture;
const get = (path: string, token = fx.adminToken) => fx.request(`${path}`, { headers: bearer(token) });

beforeAll(async () => {
  fx = await startAdminFixture({
    entries: [
      draft({ at: '2026-11-20T15:00:00.000Z', member: 'Pat Admin', username: 'pat.admin', action: 'Updated student Jane Smith: level' }),
      draft({
        at: '2026-11-21T16:30:00.000Z',
        member: 'Lee Coach',
        username: 'lee.coach',
        source: 'Staff Portal',
        verb: 'delete',
        method: 'DELETE',
        action: 'Deleted student John Smith',
        records: [{ type: 'student', id: '77', name: 'John Smith', op: 'delete', link: null, changes: [] }],
      }),
      draft({
        at: '2026-11-22T17:10:00.000Z',
        member: 'Dana Parent',
        memberKind: 'family',
        username: 'dana',
        source: 'Customer Portal',
        verb: 'payment',
        method: 'POST',
        action: 'Paid charge for Doe family',
        records: [{ type: 'payment', id: 'p1', name: 'Dana Doe', op: 'create', link: null, changes: [] }],
      }),
    ],
  });
});
afterAll(() => fx?.close());

describe('GET /api/entries', () => {
  it('answers a SearchResponse, newest first, with total and histogram', async () => {
    const res = await get('/api/entries');
    expect(res.status).toBe(200);
    const body = SearchResponse.parse(res.json());
    expect(body.total).toBe(3);
    expect(body.entries.map((e) => e.username)).toEqual(['dana', 'lee.coach', 'pat.admin']);
    expect(body.histogram.length).toBeGreaterThan(0);
  });

  it("leaves the admins' own searches out unless the source filter asks for them", async () => {
    await get('/api/entries?q=smith&commit=1');
    const again = SearchResponse.parse((await get('/api/entries?q=smith')).json());
    expect(again.entries.map((e) => e.action)).toEqual(['Deleted student John Smith', 'Updated student Jane Smith: level']);
    const own = SearchResponse.parse((await get(`/api/entries?q=smith&source=${encodeURIComponent(AUDIT_LOG_SOURCE)}`)).json());
    expect(own.entries.length).toBeGreaterThan(0);
    expect(own.entries.every((e) => e.source === AUDIT_LOG_SOURCE && /smith/.test(e.action))).toBe(true);
  });

  it('reads an instant without an offset in the business zone, in from/to and in the from: qualifier alike', async () => {
    // 16:30Z is 10:30 in Chicago (CST).
    const users = async (query: string) => SearchResponse.parse((await get(`/api/entries?${query}`)).json()).entries.map((e) => e.username);
    expect(await users('from=2026-11-21T10:15&to=2026-11-21T10:45')).toEqual(['lee.coach']);
    expect(await users(`q=${encodeURIComponent('from:2026-11-21T10:15 to:2026-11-21T10:45')}`)).toEqual(['lee.coach']);
    expect(await users('from=2026-11-21T16:15Z&to=2026-11-21T16:45:00%2B00:00')).toEqual(['lee.coach']);
    const bad = await get('/api/entries?from=2026-02-30T10:00');
    expect(bad.status).toBe(400);
    expect(bad.json().param).toBe('from');
  });

  it('filters by repeated and comma-separated staff and source', async () => {
    const repeated = SearchResponse.parse((await get('/api/entries?staff=pat.admin&staff=lee.coach')).json());
    const commas = SearchResponse.parse((await get('/api/entries?staff=pat.admin,lee.coach')).json());
    expect(repeated.entries.map((e) => e.username).sort()).toEqual(['lee.coach', 'pat.admin']);
    expect(commas.entries.map((e) => e.id)).toEqual(repeated.entries.map((e) => e.id));
    const bySource = SearchResponse.parse((await get(`/api/entries?source=${encodeURIComponent('Customer Portal,Staff Portal')}`)).json());
    expect(bySource.entries.map((e) => e.source).sort()).toEqual(['Customer Portal', 'Staff Portal']);
  });

  it('pages with limit and cursor', async () => {
    const first = SearchResponse.parse((await get('/api/entries?source=Office%20Portal,Staff%20Portal,Customer%20Portal&limit=2')).json());
    expect(first.entries).toHaveLength(2);
    expect(first.nextCursor).not.toBeNull();
    const second = SearchResponse.parse((await get(`/api/entries?source=Office%20Portal,Staff%20Portal,Customer%20Portal&limit=2&cursor=${encodeURIComponent(first.nextCursor!)}`)).json());
    expect(second.entries.map((e) => e.username)).toEqual(['pat.admin']);
  });

  it('names the bad parameter in a 400', async () => {
    for (const [query, param] of [
      ['limit=0', 'limit'],
      ['limit=501', 'limit'],
      ['limit=ten', 'limit'],
      ['from=2026-02-31x', 'from'],
      ['to=yesterday-ish', 'to'],
      ['colour=red', 'colour'],
      ['cursor=not-a-cursor', 'cursor'],
    ]) {
      const res = await get(`/api/entries?${query}`);
      expect(res.status, query).toBe(400);
      expect(res.json().param, query).toBe(param);
      expect(res.text).not.toMatch(/\bat .*\.ts:\d+/);
    }
  });

  it('logs the committed search itself, with the caller, query and match count', async () => {
    await get('/api/entries?q=smith&commit=1', fx.auditorToken);
    const logged = SearchResponse.parse((await get(`/api/entries?source=${encodeURIComponent(AUDIT_LOG_SOURCE)}&limit=500`)).json());
    const mine = logged.entries.find((e) => e.member === 'token ann.auditor · Portal Audit' && e.verb === 'search');
    expect(mine).toBeDefined();
    expect(mine!.action).toMatch(/^Searched the audit log for "smith" \(\d+ match(es)?\)$/);
    expect(mine!.memberKind).toBe('token');
    expect(mine!.username).toBeNull();
    expect(mine!.ip).toBe('127.0.0.1');
  });
});

describe('GET /api/entries/:id', () => {
  it('answers one entry with its records and changes', async () => {
    const [some] = SearchResponse.parse((await get('/api/entries?staff=pat.admin')).json()).entries;
    const res = await get(`/api/entries/${some!.id}`);
    expect(res.status).toBe(200);
    const entry = Entry.parse(res.json());
    expect(entry).toEqual(some);
    expect(entry.records[0]!.changes).toEqual([{ field: 'level', before: 3, after: 4 }]);
  });

  it('404s an unknown id', async () => {
    const res = await get('/api/entries/01ZZZZZZZZZZZZZZZZZZZZZZZZ');
    expect(res.status).toBe(404);
    expect(res.json().error).toMatch(/no entry/);
  });
});

describe('GET /api/records/:type/:id', () => {
  it('lists every entry that affected the record, newest first, and logs the view', async () => {
    await fx.store.append(draft({ at: '2026-11-23T10:00:00.000Z', action: 'Updated student Jane Smith: status' }));
    const res = await get('/api/records/student/42');
    expect(res.status).toBe(200);
    const body = RecordHistoryResponse.parse(res.json());
    expect(body).toMatchObject({ type: 'student', id: '42' });
    expect(body.entries.map((e) => e.action)).toEqual(['Updated student Jane Smith: status', 'Updated student Jane Smith: level']);
    const views = SearchResponse.parse((await get(`/api/entries?source=${encodeURIComponent(AUDIT_LOG_SOURCE)}&verb=view`)).json());
    expect(views.entries.some((e) => e.action === 'Viewed the history of student 42 (2 entries)')).toBe(true);
  });

  it('answers an empty history for a record nobody touched', async () => {
    const body = RecordHistoryResponse.parse((await get('/api/records/student/nobody')).json());
    expect(body.entries).toEqual([]);
  });
});

describe('GET /api/facets', () => {
  it('adds config to the engine facets', async () => {
    const res = await get('/api/facets', fx.auditorToken);
    expect(res.status).toBe(200);
    const facets = Facets.parse(res.json());
    expect(facets.staff.map((s) => s.username)).toEqual(expect.arrayContaining(['pat.admin', 'lee.coach']));
    expect(facets.sources.map((s) => s.name)).toEqual(expect.arrayContaining(['Office Portal', 'Staff Portal', 'Customer Portal']));
    expect(facets.links).toEqual([{ type: 'student', link: '/students/{params.id}' }]);
    expect(facets).toMatchObject({ timezone: 'America/Chicago', dateOrder: 'MDY', portals: [{ source: 'Office Portal', url: 'http://127.0.0.1:8081' }] });
  });
});

describe('GET /api/verify', () => {
  it('walks the chain and gives the fingerprint', async () => {
    const res = await get('/api/verify', fx.auditorToken);
    expect(res.status).toBe(200);
    const body = VerifyResponse.parse(res.json());
    expect(body.ok).toBe(true);
    expect(body.checked).toBeGreaterThanOrEqual(3);
    expect(body.fingerprint).toMatch(/^\d+:[0-9a-f]{64}$/);
  });

  it('400s a malformed fingerprint', async () => {
    const res = await get('/api/verify?fingerprint=nope');
    expect(res.status).toBe(400);
    expect(res.json().param).toBe('fingerprint');
  });
});

describe('GET /api/me and /api/health', () => {
  it('says who the token belongs to', async () => {
    expect(WhoAmI.parse((await get('/api/me', fx.auditorToken)).json())).toEqual({ name: 'ann.auditor', role: 'auditor' });
    expect(WhoAmI.parse((await get('/api/me')).json())).toEqual({ name: 'root', role: 'admin' });
  });

  it('answers health without a token', async () => {
    const res = await fx.request(`/api/health`);
    expect(res.status).toBe(200);
    expect(res.json()).toMatchObject({ ok: true });
  });
});

describe('POST /api/audit-events', () => {
  const post = (body: unknown, token = fx.auditorToken) =>
    fx.request(`/api/audit-events`, { method: 'POST', headers: { ...bearer(token), 'Content-Type': 'application/json' }, body: JSON.stringify(body) });

  it('records a copy to the clipboard as an Audit Log entry', async () => {
    const res = await post({ kind: 'copy', count: 3, query: 'admin deleted smith', entryIds: [] });
    expect(res.status).toBe(201);
    const { id } = res.json();
    const entry = Entry.parse((await get(`/api/entries/${id}`)).json());
    expect(entry).toMatchObject({
      source: AUDIT_LOG_SOURCE,
      verb: 'copy',
      member: 'token ann.auditor · Portal Audit',
      memberKind: 'token',
      username: null,
      ip: '127.0.0.1',
      action: 'Copied 3 entries to the clipboard from a search for "admin deleted smith"',
    });
  });

  it('credits a token named like a directory user to the token, never to that member', async () => {
    const res = await post({ kind: 'copy', count: 1, query: 'smith', entryIds: [] }, fx.adminToken);
    const entry = Entry.parse((await get(`/api/entries/${res.json().id}`)).json());
    expect(entry).toMatchObject({ member: 'token root · Portal Audit', memberKind: 'token', username: null });
  });

  it('400s a bad body naming the field', async () => {
    const res = await post({ kind: 'print', count: 1, query: '' });
    expect(res.status).toBe(400);
    expect(res.json().param).toBe('kind');
    const notJson = await fx.request(`/api/audit-events`, { method: 'POST', headers: { ...bearer(fx.adminToken), 'Content-Type': 'application/json' }, body: '{' });
    expect(notJson.status).toBe(400);
    expect(notJson.json().param).toBe('body');
  });

  it('refuses a body that is not JSON (415) or larger than 64 KiB (413), naming the body', async () => {
    const text = await fx.request('/api/audit-events', { method: 'POST', headers: { ...bearer(fx.adminToken), 'Content-Type': 'text/plain' }, body: '{}' });
    expect(text.status).toBe(415);
    expect(text.json().param).toBe('body');
    const huge = JSON.stringify({ kind: 'copy', count: 1, query: 'x'.repeat(70_000), entryIds: [] });
    const large = await fx.request('/api/audit-events', { method: 'POST', headers: { ...bearer(fx.adminToken), 'Content-Type': 'application/json' }, body: huge });
    expect(large.status).toBe(413);
    expect(large.json()).toEqual({ error: 'the body is larger than 65536 bytes', param: 'body' });
  });
});

describe('routing errors', () => {
  it('404s unknown endpoints and 405s wrong methods', async () => {
    expect((await get('/api/nothing')).status).toBe(404);
    expect((await get('/')).status).toBe(404);
    const wrong = await fx.request(`/api/entries`, { method: 'DELETE', headers: bearer(fx.adminToken) });
    expect(wrong.status).toBe(405);
    expect(wrong.headers.allow).toBe('GET');
    const getEvents = await get('/api/audit-events');
    expect(getEvents.status).toBe(405);
  });
});
