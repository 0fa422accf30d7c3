import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SearchFilters, SearchQuery } from '../../../shared/api.ts';
import { createAdminApp } from '../../../proxy/admin/app.ts';
import type { SearchEngine, SearchRequest } from '../../../proxy/search/types.ts';
import { bearer, requester, startAdminFixture, type AdminFixture, type AdminRequest } from '../../helpers/admin-api.ts';

/** The routes over the fixture's engine, which also keeps what each search and export was asked. */
let fx: AdminFixture;
let request: AdminRequest;
let closeApp: () => Promise<void>;
const asked: Array<SearchRequest | Partial<SearchFilters>> = [];

beforeAll(async () => {
  fx = await startAdminFixture();
  const engine: SearchEngine = {
    ...fx.engine,
    search: (query) => (asked.push(query), fx.engine.search(query)),
    matches: (filters) => (asked.push(filters), fx.engine.matches(filters)),
  };
  const admin = createAdminApp({ config: fx.config, store: fx.store, engine, tokens: fx.tokens, searchCommitPauseMs: 60_000 });
  request = requester(admin.app);
  closeApp = admin.close;
});
afterAll(async () => {
  await closeApp();
  await fx.close();
});

const get = (path: string) => request(path, { headers: bearer(fx.adminToken) });

describe('admin API parameters', () => {
  it.each([
    ['/api/entries?limit=0', 'limit', /at least 1/],
    ['/api/entries?limit=501', 'limit', /at most 500/],
    ['/api/entries?limit=ten', 'limit', /number/],
    ['/api/entries?limit=2.5', 'limit', /whole number/],
    ['/api/entries?from=2026-02-31', 'from', /real date/],
    ['/api/entries?to=yesterday-ish', 'to', /real date/],
    ['/api/entries?cursor=', 'cursor', /./],
    ['/api/entries?cursor=not-a-cursor', 'cursor', /start again/],
    ['/api/entries?bucket=year', 'bucket', /hour, day, week or month/],
    ['/api/entries?commit=yes', 'commit', /0 or 1/],
    ['/api/entries?sources=Office%20Portal', 'sources', /unknown parameter/],
    ['/api/export?format=pdf', 'format', /csv, tsv or jsonl/],
    ['/api/export?from=2026-13-01', 'from', /real date/],
    ['/api/export?limit=5', 'limit', /unknown parameter/],
    ['/api/verify?fingerprint=12', 'fingerprint', /seq:hash/],
    ['/api/proof/consistency?from=-1', 'from', /negative/],
    ['/api/proof/inclusion?seq=0', 'seq', /at least 1/],
    ['/api/facets?colour=red', 'colour', /unknown parameter/],
  ])('%s answers 400 naming %s', async (path, param, message) => {
    const res = await get(path);
    expect(res.status).toBe(400);
    const body = res.json<{ error: string; param: string }>();
    expect(body.param).toBe(param);
    expect(body.error).toMatch(new RegExp(`^${param}: `));
    expect(body.error).toMatch(message);
  });

  it('answers 400 naming q for a text over 1000 characters', async () => {
    const res = await get(`/api/entries?q=${'x'.repeat(1001)}`);
    expect(res.status).toBe(400);
    expect(res.json()).toEqual({ error: 'q: at most 1000 characters', param: 'q' });
  });

  it('hands the engine the search as asked: lists from repeats and commas, the limit as a number, defaults filled in', async () => {
    asked.length = 0;
    const res = await get('/api/entries?q=smith&from=2026-11-20&to=2026-11-22T10:00&staff=pat.admin,%20lee&staff=dana&source=Office%20Portal&verb=delete&type=student&limit=7&bucket=day&commit=1');
    expect(res.status).toBe(200);
    const expected: Omit<SearchQuery, 'commit'> = {
      q: 'smith',
      from: '2026-11-20',
      to: '2026-11-22T10:00',
      staff: ['pat.admin', 'lee', 'dana'],
      source: ['Office Portal'],
      verb: ['delete'],
      type: ['student'],
      limit: 7,
      bucket: 'day',
    };
    expect(asked).toEqual([expected]);
  });

  it('fills in the defaults of an empty search', async () => {
    asked.length = 0;
    expect((await get('/api/entries')).status).toBe(200);
    expect(asked).toEqual([{ staff: [], source: [], verb: [], type: [], limit: 50 }]);
  });

  it('exports with the same filters, without paging', async () => {
    asked.length = 0;
    const res = await get('/api/export?format=jsonl&source=Office%20Portal&verb=update,delete&from=2026-11-01');
    expect(res.status).toBe(200);
    expect(asked).toEqual([{ from: '2026-11-01', staff: [], source: ['Office Portal'], verb: ['update', 'delete'], type: [] }]);
  });
});
