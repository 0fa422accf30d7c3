import { mkdtemp, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { EntryDraft } from '../../shared/entry.ts';
import { createSearchEngine } from '../../proxy/search/engine.ts';
import { createJsonStore, type JsonStore } from '../../proxy/store/json/json-store.ts';

const config = { timezone: 'America/Chicago', dateOrder: 'MDY' as const };
const NAMES = ['Jane Smith', 'John Jones', 'Ann Lee', 'Omar Garcia'];

function drafts(count: number, startMs: number, tag: string): EntryDraft[] {
  return Array.from({ length: count }, (_, i) => ({
    at: new Date(startMs + i * 3_600_000).toISOString(),
    member: i % 2 ? 'Pat Admin' : 'Mike Chen',
    memberKind: 'staff' as const,
    username: i % 2 ? 'admin' : 'mchen',
    source: 'Office Portal',
    ip: '10.0.0.20',
    verb: i % 3 ? 'update' : 'delete',
    action: `Updated student ${NAMES[i % NAMES.length]}`,
    method: 'PUT',
    path: `/api/students/${i % 50}`,
    status: 200,
    outcome: 'success' as const,
    records: [{ type: 'student', id: String(i % 50), name: NAMES[i % NAMES.length]!, op: 'update', link: null, changes: [] }],
    requestId: `${tag}-${i}`,
    userAgent: null,
    truncated: false,
  }));
}

let dir: string;
let store: JsonStore;

beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'search-index-file-'));
  store = createJsonStore({ dataDir: dir, onNotice: () => undefined });
  await store.open();
  await store.appendBulk(drafts(600, Date.parse('2015-01-01T00:00:00Z'), 'first'));
});

afterEach(async () => {
  await store.close();
  await rm(dir, { recursive: true, force: true });
});

/** The store, telling which entries the index was built from: every read of the log for the index goes through these two. */
function watched(inner: JsonStore): { store: JsonStore; readFrom: number[] } {
  const readFrom: number[] = [];
  const store: JsonStore = Object.create(inner) as JsonStore;
  store.scanForIndex = (from, onEntry) => {
    readFrom.push(from);
    return inner.scanForIndex(from, onEntry);
  };
  store.readSeq = (from, to) => {
    readFrom.push(from);
    return inner.readSeq(from, to);
  };
  return { store, readFrom };
}

async function answers(engine: Awaited<ReturnType<typeof createSearchEngine>>) {
  const queries = ['Smith', 'Jnoes', 'admin deleted', '', '01/05/2015 Garcia'];
  return Promise.all(
    queries.map(async (q) => {
      const page = await engine.search({ q, limit: 20 });
      return { q, total: page.total, seqs: page.entries.map((e) => e.seq), histogram: page.histogram, history: (await engine.recordHistory('student', '7')).length };
    }),
  );
}

describe('the saved search index', () => {
  it('answers after a restart exactly as the index it was saved from, and catches up with entries appended since', async () => {
    const first = await createSearchEngine({ store, config: { ...config, dataDir: dir } });
    const before = await answers(first);
    const facets = first.facets();
    await first.close();
    expect((await stat(join(dir, 'search-index.bin'))).size).toBeGreaterThan(0);

    // The file is what answers: the reopened engine reads not one entry of the log to build its index.
    const fromFile = watched(store);
    const reopened = await createSearchEngine({ store: fromFile.store, config: { ...config, dataDir: dir } });
    expect(fromFile.readFrom).toEqual([]);
    expect(await answers(reopened)).toEqual(before);
    expect(reopened.facets()).toEqual(facets);
    await reopened.close();

    await store.appendBulk(drafts(100, Date.parse('2015-03-01T00:00:00Z'), 'later'));
    // Only the entries appended since the file was saved are read.
    const sinceFile = watched(store);
    const caughtUp = await createSearchEngine({ store: sinceFile.store, config: { ...config, dataDir: dir } });
    expect(sinceFile.readFrom).toEqual([601]);
    const fresh = await createSearchEngine({ store, config, indexFile: null });
    expect(await answers(caughtUp)).toEqual(await answers(fresh));
    await Promise.all([caughtUp.close(), fresh.close()]);
  });

  it('is ignored when it does not describe this log (another log, another time zone)', async () => {
    const indexFile = join(dir, 'elsewhere.bin');
    const other = await mkdtemp(join(tmpdir(), 'search-index-other-'));
    const otherStore = createJsonStore({ dataDir: other, onNotice: () => undefined });
    await otherStore.open();
    await otherStore.appendBulk(drafts(500, Date.parse('2016-01-01T00:00:00Z'), 'other'));
    // Shorter than this log, so only the hash of its last entry can tell the two apart.
    await (await createSearchEngine({ store: otherStore, config, indexFile })).close();
    await otherStore.close();
    await rm(other, { recursive: true, force: true });

    const fresh = await createSearchEngine({ store, config, indexFile: null });
    const rebuilt = watched(store);
    const fromOtherFile = await createSearchEngine({ store: rebuilt.store, config, indexFile });
    expect(rebuilt.readFrom, 'the whole log is read again').toEqual([1]);
    expect(await answers(fromOtherFile)).toEqual(await answers(fresh));
    await fromOtherFile.close();
    const otherZone = await createSearchEngine({ store, config: { ...config, timezone: 'Asia/Tokyo' }, indexFile });
    const freshOtherZone = await createSearchEngine({ store, config: { ...config, timezone: 'Asia/Tokyo' }, indexFile: null });
    expect((await otherZone.search({})).histogram).toEqual((await freshOtherZone.search({})).histogram);
    await Promise.all([fresh.close(), otherZone.close(), freshOtherZone.close()]);
  });
});
