import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Facets, SearchResponse } from '../../shared/api.ts';
import { AUDIT_LOG_SOURCE, type Entry } from '../../shared/entry.ts';
import { bearer, draft, startAdminFixture, type AdminFixture } from '../helpers/admin-api.ts';

/** The demo's shape: a portal staff user "admin" (Alex Morgan), and the initial admin token also named "admin". */
const ALEX = { member: 'Alex Morgan', username: 'admin' };
const smith = (id: string, name: string) => [{ type: 'student', id, name, op: 'update', link: null, changes: [] }];

let fx: AdminFixture;
let adminToken: string;
const PAUSE_MS = 150;
const get = (path: string, token = adminToken) => fx.request(`${path}`, { headers: bearer(token) });
const search = async (q: string, extra = '') => SearchResponse.parse((await get(`/api/entries?q=${encodeURIComponent(q)}${extra}`)).json());

/** The admins' own search entries, oldest first, read from the store (a search through the API would be one more). */
async function ownSearches(): Promise<Entry[]> {
  const out: Entry[] = [];
  for await (const entry of fx.store.readSeq(1)) if (entry.source === AUDIT_LOG_SOURCE && entry.verb === 'search') out.push(entry);
  return out;
}
const searched = async () => (await ownSearches()).map((e) => /for (".*?"|all entries)/.exec(e.action)![1]);

beforeAll(async () => {
  fx = await startAdminFixture({
    searchCommitPauseMs: PAUSE_MS,
    entries: [
      draft({ ...ALEX, action: 'Updated student Jane Smith: level', records: smith('1', 'Jane Smith') }),
      draft({ ...ALEX, action: 'Updated student John Smith: level', records: smith('2', 'John Smith') }),
      draft({ ...ALEX, action: 'Updated student Maria Garcia: level', records: smith('3', 'Maria Garcia') }),
      draft({ member: 'Sam Lee', username: 'slee', action: 'Updated student Chloe Jones: level', records: smith('4', 'Chloe Jones') }),
    ],
  });
  adminToken = await fx.tokens.create('admin', 'admin');
});
afterAll(() => fx?.close());

describe("the admins' own activity never changes what portal searches find", () => {
  it('"Smtih" finds the Smiths on the 1st, 2nd and 5th search in a row, committed or not', async () => {
    for (let i = 1; i <= 5; i++) {
      const page = await search('Smtih', i % 2 === 0 ? '' : '&commit=1');
      expect(page.entries.map((e) => e.records[0]!.name).sort(), `search ${i}`).toEqual(['Jane Smith', 'John Smith']);
      expect(page.parsed.chips.map((c) => c.label)).toEqual(['Smtih → Smith']);
    }
    const cloe = await search('Cloe', '&commit=1');
    expect(cloe.entries.map((e) => e.records[0]!.name)).toEqual(['Chloe Jones']);
    expect((await search('Cloe', '&commit=1')).entries.map((e) => e.records[0]!.name)).toEqual(['Chloe Jones']);
  });

  it("finds the admins' own searches by their words when the source filter asks for them", async () => {
    const own = await search('smtih', `&source=${encodeURIComponent(AUDIT_LOG_SOURCE)}`);
    expect(own.entries.length).toBeGreaterThan(0);
    expect(own.entries.every((e) => e.source === AUDIT_LOG_SOURCE && /"smtih"/i.test(e.action))).toBe(true);
  });
});

describe('the admins are credited as their token', () => {
  it('shows "token admin · Portal Audit", never the portal user admin, and keeps it out of the staff facet', async () => {
    await search('Garcia', '&commit=1');
    const [last] = (await ownSearches()).slice(-1);
    expect(last).toMatchObject({ member: 'token admin · Portal Audit', memberKind: 'token', username: null, source: AUDIT_LOG_SOURCE });
    const facets = Facets.parse((await get('/api/facets')).json());
    expect(facets.staff.find((s) => s.username === 'admin')).toEqual({ username: 'admin', member: 'Alex Morgan', count: 3 });
    // "admin" in the text is the staff filter for Alex Morgan's portal activity only.
    const alex = await search('admin', `&commit=1&source=${encodeURIComponent(`Office Portal,${AUDIT_LOG_SOURCE}`)}`);
    expect(alex.entries.map((e) => e.member)).toEqual(['Alex Morgan', 'Alex Morgan', 'Alex Morgan']);
  });
});

describe('one audit entry per committed search', () => {
  it('logs a query typed keystroke by keystroke once, with its final text, when committed', async () => {
    const before = (await ownSearches()).length;
    for (const q of ['g', 'ga', 'gar', 'garc', 'garci', 'garcia']) await search(q);
    await search('garcia', '&commit=1');
    const after = await searched();
    expect(after.slice(before)).toEqual(['"garcia"']);
  });

  it('logs a search that stands for the pause, once, without a commit', async () => {
    const before = (await ownSearches()).length;
    await search('jon');
    await search('jone');
    await search('jones');
    await expect.poll(async () => (await searched()).slice(before), { timeout: 5000 }).toEqual(['"jones"']);
    // Pressing Enter afterwards on the same search does not log it twice.
    await search('jones', '&commit=1');
    expect((await searched()).slice(before)).toEqual(['"jones"']);
  });

  it('logs the pending search when the admin opens a result, copies or starts another search', async () => {
    const before = (await ownSearches()).length;
    const page = await search('mari');
    expect((await get(`/api/entries/${page.entries[0]!.id}`)).status).toBe(200);
    await search('chlo');
    await search('lee');
    const copied = await fx.request(`/api/audit-events`, {
      method: 'POST',
      headers: { ...bearer(adminToken), 'content-type': 'application/json' },
      body: JSON.stringify({ kind: 'copy', count: 1, query: 'lee' }),
    });
    expect(copied.status).toBe(201);
    expect((await searched()).slice(before)).toEqual(['"mari"', '"chlo"', '"lee"']);
  });

  it('refuses a bad commit value, naming it', async () => {
    const res = await get('/api/entries?q=x&commit=yes');
    expect(res.status).toBe(400);
    expect(res.json().param).toBe('commit');
  });
});
