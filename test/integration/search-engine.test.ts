import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Entry, EntryDraft } from '../../shared/entry.ts';
import { boundedEditDistance } from '../../shared/edit-distance.ts';
import { createSearchEngine } from '../../proxy/search/engine.ts';
import { SearchParamError, type SearchEngine, type SearchRequest } from '../../proxy/search/types.ts';
import { createJsonStore, type JsonStore } from '../../proxy/store/json/json-store.ts';

const TIMEZONE = 'America/Chicago';
const STAFF = [
  { username: 'admin', member: 'Pat Admin' },
  { username: 'mchen', member: 'Mike Chen' },
  { username: 'jlopez', member: 'Julia Lopez' },
];
const FIRST = ['Jane', 'John', 'Ann', 'Mary', 'Luis', 'Omar'];
const LAST = ['Smith', 'Smyth', 'Jones', 'Brown', 'Garcia', 'Lee'];
const VERBS = ['create', 'update', 'delete', 'payment'] as const;
const SOURCES = ['Office Portal', 'Staff Portal', 'Customer Portal'];
/** After every seeded entry: the clock of the live appends. */
const LIVE_AT = Date.parse('2015-07-01T12:00:00Z');

function random(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = Math.imul(a ^ (a >>> 15), a | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

interface DraftSpec {
  at: string;
  staff?: (typeof STAFF)[number];
  verb: string;
  name: string;
  type?: string;
  recordId?: string;
  source?: string;
  requestId: string;
}

function draft({ at, staff = STAFF[0]!, verb, name, type = 'student', recordId = '1', source = 'Office Portal', requestId }: DraftSpec): EntryDraft {
  const word = { create: 'Created', update: 'Updated', delete: 'Deleted', payment: 'Payment for' }[verb] ?? verb;
  return {
    at,
    member: staff.member,
    memberKind: 'staff',
    username: staff.username,
    source,
    ip: `10.0.0.${STAFF.indexOf(staff) + 20}`,
    verb,
    action: `${word} ${type} ${name}`,
    method: verb === 'delete' ? 'DELETE' : verb === 'update' ? 'PUT' : 'POST',
    path: `/api/${type}s/${recordId}`,
    status: 200,
    outcome: 'success',
    records: [{ type, id: recordId, name, op: verb, link: null, changes: [] }],
    requestId,
    userAgent: null,
    truncated: false,
  };
}

/** The entry the seed phrase describes, and decoys that each differ from it in one way. */
function seededDrafts(): EntryDraft[] {
  const target = { at: '2015-01-01T23:10:23.000Z', verb: 'delete', name: 'Jane Smith', recordId: '42', requestId: 'target' };
  const drafts: EntryDraft[] = [
    draft(target),
    draft({ ...target, staff: STAFF[1], requestId: 'other staff' }),
    draft({ ...target, name: 'Jane Jones', recordId: '43', requestId: 'other name' }),
    draft({ ...target, verb: 'update', requestId: 'other verb' }),
    draft({ ...target, at: '2015-01-01T23:11:05.000Z', requestId: 'next minute' }),
    draft({ ...target, at: '2015-01-01T11:10:23.000Z', requestId: '5:10 am' }),
    draft({ ...target, at: '2015-01-02T23:10:23.000Z', requestId: 'next day' }),
    draft({ ...target, at: '2014-12-31T23:10:23.000Z', requestId: 'day before' }),
  ];
  const rnd = random(7);
  const pick = <T>(list: readonly T[]): T => list[Math.floor(rnd() * list.length)]!;
  const start = Date.parse('2014-06-01T00:00:00Z');
  const span = Date.parse('2015-06-01T00:00:00Z') - start;
  for (let i = 0; i < 4000; i++) {
    const type = pick(['student', 'family', 'payment']);
    drafts.push(
      draft({
        at: new Date(start + Math.floor(rnd() * span)).toISOString(),
        staff: pick(STAFF),
        verb: pick(VERBS),
        name: `${pick(FIRST)} ${pick(LAST)}`,
        type,
        recordId: String(Math.floor(rnd() * 300)),
        source: pick(SOURCES),
        requestId: `decoy-${i}`,
      }),
    );
  }
  return drafts.sort((a, b) => a.at.localeCompare(b.at));
}

let dir: string;
let store: JsonStore;
let engine: SearchEngine;
let liveClock = LIVE_AT;

async function all(request: Omit<SearchRequest, 'limit' | 'cursor'>): Promise<Entry[]> {
  const out: Entry[] = [];
  for await (const entry of engine.matches(request)) out.push(entry);
  return out;
}

/** The words a search for people, records and verbs can reach in an entry. */
function wordsOf(e: Entry): string[] {
  const text = [e.action, e.member, e.username, e.verb, e.source, ...e.records.map((r) => r.name ?? '')].join(' ');
  return text
    .toLowerCase()
    .split(/[^a-z0-9]+/)
    .filter(Boolean);
}

async function everything(): Promise<Entry[]> {
  const out: Entry[] = [];
  for await (const entry of store.readSeq(1)) out.push(entry);
  return out.reverse();
}

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'search-engine-'));
  store = createJsonStore({ dataDir: dir, now: () => new Date(liveClock), onNotice: () => undefined });
  await store.open();
  await store.appendBulk(seededDrafts());
  engine = await createSearchEngine({ store, config: { timezone: TIMEZONE, dateOrder: 'MDY' }, now: () => new Date(LIVE_AT) });
});

afterAll(async () => {
  await engine.close();
  await store.close();
  await rm(dir, { recursive: true, force: true });
});

describe('search engine over a real JSON store', () => {
  it('finds exactly the entry "01/01/2015 5:10 pm admin deleted Smith" describes among thousands of decoys', async () => {
    const page = await engine.search({ q: '01/01/2015 5:10 pm admin deleted Smith' });
    expect(page.entries.map((e) => e.requestId)).toEqual(['target']);
    expect(page.total).toBe(1);
    expect(page.totalIsEstimate).toBe(false);
    expect(page.bucket).toBe('hour');
    expect(page.histogram).toEqual([{ day: '2015-01-01', hour: 17, count: 1 }]);
    expect(page.parsed.verbs).toEqual(['delete']);
  });

  it.each([
    ['Smtih', 'Smith'],
    ['Jhon Smith', 'John Smith'],
    ['Jhn Smtih', 'John Smith'],
    ['admn deleted smith', 'admin deleted smith'],
    ['Jnae Jnoes', 'Jane Jones'],
  ])('the typo "%s" finds everything "%s" finds, and nothing the slip cannot explain', async (typo, right) => {
    const expected = (await all({ q: right })).map((e) => e.seq);
    const matches = await all({ q: typo });
    const found = new Set(matches.map((e) => e.seq));
    expect(expected.length).toBeGreaterThan(0);
    expect(expected.filter((seq) => !found.has(seq))).toEqual([]);
    // And no more than the slip can explain: every entry found has, for each typed word, a word at most two edits away.
    const typed = typo.toLowerCase().split(/\s+/);
    const unexplained = matches.filter((e) => !typed.every((word) => wordsOf(e).some((w) => boundedEditDistance(word, w, 2) <= 2)));
    expect(unexplained.map((e) => e.action)).toEqual([]);
    expect(found.size).toBeLessThan((await everything()).length / 2);
  });

  it('combines text with explicit filters (AND) exactly as a plain scan of the log does', async () => {
    const request = { q: 'Jones', staff: ['mchen', 'jlopez'], verb: ['delete', 'update'], source: ['office portal'], from: '2014-09-01', to: '2015-03-31' };
    const from = Date.parse('2014-09-01T05:00:00Z');
    const to = Date.parse('2015-04-01T05:00:00Z');
    const expected = (await everything()).filter(
      (e) =>
        /\bjones\b/i.test(e.records[0]!.name!) &&
        ['mchen', 'jlopez'].includes(e.username!) &&
        ['delete', 'update'].includes(e.verb) &&
        e.source === 'Office Portal' &&
        Date.parse(e.at) >= from &&
        Date.parse(e.at) < to,
    );
    const found = await all(request);
    expect(expected.length).toBeGreaterThan(10);
    expect(found.map((e) => e.seq)).toEqual(expected.map((e) => e.seq));
  });

  it('leaves out excluded terms and narrows by record type', async () => {
    const found = await all({ q: 'Jane -Smith type:payment' });
    expect(found.length).toBeGreaterThan(0);
    for (const e of found) {
      expect(e.records[0]!.name).toMatch(/^Jane /);
      expect(e.records[0]!.name).not.toMatch(/Smith/);
      expect(e.records[0]!.type).toBe('payment');
    }
  });

  it('counts every match per business day in the histogram, and the counts add up to the total', async () => {
    const page = await engine.search({ q: 'Brown', limit: 5, bucket: 'day' });
    const perDay = new Map<string, number>();
    for (const e of await all({ q: 'Brown' })) {
      const day = new Intl.DateTimeFormat('en-CA', { timeZone: TIMEZONE }).format(new Date(e.at));
      perDay.set(day, (perDay.get(day) ?? 0) + 1);
    }
    expect(page.entries).toHaveLength(5);
    expect(page.histogram).toEqual([...perDay].sort(([a], [b]) => a.localeCompare(b)).map(([day, count]) => ({ day, count })));
    expect(page.histogram.reduce((sum, d) => sum + d.count, 0)).toBe(page.total);
  });

  it('lists every entry that affected a record, newest first', async () => {
    const expected = (await everything()).filter((e) => e.records.some((r) => r.type === 'student' && r.id === '42'));
    const history = await engine.recordHistory('student', '42');
    expect(history.map((e) => e.seq)).toEqual(expected.map((e) => e.seq));
    expect(history.length).toBeGreaterThan(5);
    expect(await engine.recordHistory('student', 'nope')).toEqual([]);
  });

  it('counts staff, sources, types and verbs for the pickers', async () => {
    const entries = await everything();
    const facets = engine.facets();
    const count = (pred: (e: Entry) => boolean) => entries.filter(pred).length;
    expect(facets.staff.find((s) => s.username === 'mchen')).toEqual({ username: 'mchen', member: 'Mike Chen', count: count((e) => e.username === 'mchen') });
    expect(facets.sources.find((s) => s.name === 'Staff Portal')?.count).toBe(count((e) => e.source === 'Staff Portal'));
    expect(facets.types.find((t) => t.name === 'payment')?.count).toBe(count((e) => e.records.some((r) => r.type === 'payment')));
    expect(facets.verbs.find((v) => v.name === 'delete')?.count).toBe(count((e) => e.verb === 'delete'));
  });

  it('finds an entry by id', async () => {
    const [some] = await store.getMany([1234]);
    expect((await engine.getById(some!.id))?.seq).toBe(1234);
    expect(await engine.getById('01NOTANID0000000000000000')).toBeUndefined();
  });

  it('keeps pages stable while new matching entries arrive, and indexes them for the next search', async () => {
    const expected = (await all({ q: 'Garcia' })).map((e) => e.seq);
    const seen: number[] = [];
    let cursor: string | null = null;
    let pages = 0;
    do {
      const page = await engine.search({ q: 'Garcia', limit: 40, cursor: cursor ?? undefined });
      expect(page.total).toBe(expected.length);
      seen.push(...page.entries.map((e) => e.seq));
      cursor = page.nextCursor;
      liveClock += 60_000;
      await store.append(draft({ at: new Date(liveClock).toISOString(), verb: 'update', name: 'Ana Garcia', requestId: `live-${pages++}` }));
    } while (cursor !== null);
    expect(seen).toEqual(expected);
    const fresh = await engine.search({ q: 'Garcia', limit: 3 });
    expect(fresh.total).toBe(expected.length + pages);
    expect(fresh.entries.map((e) => e.requestId)).toEqual([`live-${pages - 1}`, `live-${pages - 2}`, `live-${pages - 3}`]);
  });

  it('names the bad parameter', async () => {
    const param = (request: SearchRequest) =>
      engine.search(request).then(
        () => null,
        (err: unknown) => (err instanceof SearchParamError ? err.param : err),
      );
    expect(await param({ from: 'last tuesday-ish' })).toBe('from');
    expect(await param({ to: '2015-02-30' })).toBe('to');
    expect(await param({ cursor: 'garbage!' })).toBe('cursor');
    expect(await param({ from: '2015-01-01T17:10:00-06:00', to: '2015-01-01' })).toBeNull();
  });
});
