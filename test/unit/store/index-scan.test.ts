import { appendFile, readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { expect, it } from 'vitest';
import type { Entry, EntryDraft, EntrySummary } from '../../../shared/entry.ts';
import { IndexFieldReader } from '../../../proxy/store/json/index-fields.ts';
import { drafts, openStore, scratchDataDir } from '../../helpers/temp-store.ts';

/** What the index keeps of a whole entry: the fast path must hand over exactly this. */
function summary(entry: Entry): EntrySummary {
  const { id, seq, at, member, memberKind, username, source, ip, verb, action, hash } = entry;
  return {
    id,
    seq,
    at,
    member,
    memberKind,
    username,
    source,
    ip,
    verb,
    action,
    hash,
    records: entry.records.map(({ type, id, name, changes, related }) => ({ type, id, name, changes, ...(related && { related }) })),
  };
}

async function scanned(store: { scanForIndex: (from: number, onEntry: (e: EntrySummary) => void) => Promise<void> }, from = 1) {
  const out: EntrySummary[] = [];
  await store.scanForIndex(from, (e) => out.push({ ...e }));
  return out;
}

/** Entries whose text a field reader could trip over: escapes, non-ASCII, brackets inside strings, nulls. */
function awkward(base: EntryDraft): EntryDraft[] {
  return [
    { ...base, member: 'José Ñúñez 😀', username: null, status: null, action: 'Deleted family "The Smiths" \\ C:\\path', records: [] },
    {
      ...base,
      member: 'Zoë O’Brien',
      action: 'Updated student [x] {y}',
      records: [
        { type: 'student', id: null, name: null, op: 'update', link: null, changes: [{ field: 'notes', before: 'a "]] }} b\\', after: { nested: [1, [2, { type: 'x' }]], s: '\\' } }] },
        { type: 'family', id: '12', name: 'Åsa Lind', op: 'update', link: '/families/12', changes: [] },
      ],
    },
    { ...base, records: [{ type: 'payment', id: 'p"1', name: 'Tab\tName', op: 'create', link: '/p/1', changes: [{ field: 'amount', before: null, after: 45.5 }] }] },
    { ...base, member: 'Plain Name', records: [{ type: 'enrollment', id: '7', name: 'Kid', op: 'create', link: '/e/7', changes: [{ field: 'class', before: null, after: '{"type":"fake"}' }] }] },
  ];
}

it('hands over the fields the index keeps, as a full parse reads them, for ordinary and awkward lines', async () => {
  const dataDir = await scratchDataDir();
  const store = await openStore(dataDir);
  const ordinary = drafts(200);
  for (const d of [...ordinary.slice(0, 100), ...awkward(ordinary[0]!), ...ordinary.slice(100)]) await store.append(d);
  const whole: Entry[] = [];
  for await (const e of store.readSeq(1)) whole.push(e);
  expect(whole).toHaveLength(204);
  expect(await scanned(store)).toEqual(whole.map(summary));
  expect((await scanned(store, 150)).map((e) => e.seq)).toEqual(whole.filter((e) => e.seq >= 150).map((e) => e.seq));
  await store.close();

  // Read from the bytes, not by the whole-line parse: all but the lines with an escape in a kept field.
  const [segment] = await readdir(join(dataDir, 'log'));
  const bytes = await readFile(join(dataDir, 'log', segment!));
  const reader = new IndexFieldReader();
  const read: Array<EntrySummary | null> = [];
  for (let start = 0, nl = bytes.indexOf(0x0a); nl !== -1; start = nl + 1, nl = bytes.indexOf(0x0a, start)) read.push(reader.readLaidOut(bytes, start, nl));
  expect(read.map((e, i) => (e === null ? whole[i]!.seq : null)).filter((seq) => seq !== null)).toEqual([101, 103]);
  expect(read.filter((e) => e !== null)).toEqual(whole.filter((e) => e.seq !== 101 && e.seq !== 103).map(summary));
});

it('skips a line laid out differently (edited by hand), as verify refuses it: only the canonical form is an entry', async () => {
  const dataDir = await scratchDataDir();
  const store = await openStore(dataDir);
  const [written] = [await store.append(drafts(1)[0]!)];
  await store.close();
  // The same entry with its keys in another order, as a person re-saving the file might leave it.
  const { hash, records, id, ...rest } = written;
  const reordered = { hash, records, ...rest, id, seq: 2, prevHash: hash };
  const [segment] = await readdir(join(dataDir, 'log'));
  const size = (await readFile(join(dataDir, 'log', segment!))).length;
  await appendFile(join(dataDir, 'log', segment!), `${JSON.stringify(reordered)}\n`);
  // Skipped and told, so the rest of the log stays searchable.
  const reader = await openStore(dataDir, { readOnly: true });
  expect((await scanned(reader)).map((e) => e.seq)).toEqual([1]);
  expect(reader.notices.join('\n')).toContain(`${segment} byte ${size}: line is not in canonical form`);
  await reader.close();
});

it('leaves out a line still being written at the end of the newest segment', async () => {
  const dataDir = await scratchDataDir();
  const store = await openStore(dataDir);
  for (const d of drafts(3)) await store.append(d);
  await store.close();
  const [segment] = await readdir(join(dataDir, 'log'));
  await appendFile(join(dataDir, 'log', segment!), '{"id":"01TORN","seq":4,"at":"20');
  const reader = await openStore(dataDir, { readOnly: true });
  expect((await scanned(reader)).map((e) => e.seq)).toEqual([1, 2, 3]);
  await reader.close();
});
