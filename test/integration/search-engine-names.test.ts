import { beforeAll, describe, expect, it } from 'vitest';
import type { EntryDraft } from '../../shared/entry.ts';
import type { SearchEngine } from '../../proxy/search/types.ts';
import { draft } from '../helpers/admin-api.ts';
import { searchLog } from '../helpers/search-log.ts';

/** A small log of look-alike names, each entry named by its request id. */
const MARY_SMITH = { member: 'Mary Smith', username: 'msmith' };
const PAT = { member: 'Pat Admin', username: 'admin' };
const student = (id: string, name: string, changes: EntryDraft['records'][number]['changes'] = []) => [{ type: 'student', id, name, op: 'update', link: `/students/${id}`, changes }];
const LOG: EntryDraft[] = [
  draft({ requestId: 'A', ...MARY_SMITH, action: 'Updated student Sarah Johnson: level', records: student('1', 'Sarah Johnson', [{ field: 'level', before: 'Level 2', after: 'Level 3' }]) }),
  draft({ requestId: 'B', ...PAT, action: 'Updated student John Smith: level', records: student('2', 'John Smith', [{ field: 'level', before: 'Level 1', after: 'Level 2' }]) }),
  draft({ requestId: 'C', ...PAT, verb: 'delete', method: 'DELETE', action: 'Deleted student John Smith', records: [{ ...student('2', 'John Smith')[0]!, op: 'delete' }] }),
  draft({
    requestId: 'D',
    ...PAT,
    verb: 'create',
    action: 'Enrolled Maria Garcia in Swim Sharks',
    records: [{ type: 'enrollment', id: '90', name: 'Maria Garcia', op: 'create', link: null, changes: [] }],
  }),
  draft({ requestId: 'E', ...PAT, action: 'Updated student Mario Garza: level', records: student('3', 'Mario Garza') }),
  draft({ requestId: 'F', ...PAT, action: 'Updated family Johnny Smithers: email', records: [{ type: 'family', id: '7', name: 'Johnny Smithers', op: 'update', link: null, changes: [] }] }),
  draft({ requestId: 'G', ...PAT, action: 'Updated student Jane Smith: membership', records: student('4', 'Jane Smith', [{ field: 'membership', before: 'Gold', after: 'Platinum' }]) }),
  draft({
    requestId: 'H',
    member: 'Dana Doe',
    memberKind: 'family',
    username: 'dana',
    source: 'Customer Portal',
    action: 'Updated family Dana Doe: phone',
    records: [{ type: 'family', id: '8', name: 'Dana Doe', op: 'update', link: null, changes: [{ field: 'phone', before: '(555) 123-4567', after: '555.987.6543' }] }],
  }),
  draft({
    requestId: 'I',
    ...PAT,
    action: 'Updated student Omar Lee: status',
    records: student('5', 'Omar Lee', [
      { field: 'status', before: 'active', after: 'paused' },
      { field: 'fee', before: 40, after: 55 },
    ]),
  }),
];

let engine: SearchEngine;
beforeAll(async () => {
  const searched = await searchLog(LOG, { timezone: 'America/Chicago', dateOrder: 'MDY' });
  engine = searched.engine;
  return searched.close;
});

/** The request ids a query finds, sorted: exact sets, so that extra matches fail as surely as missing ones. */
async function found(q: string): Promise<string[]> {
  const page = await engine.search({ q, limit: 500 });
  return page.entries.map((e) => e.requestId).sort();
}

describe('names bind: the words of a name match within one name', () => {
  it.each([
    ['John Smith', ['B', 'C']],
    ['"John Smith"', ['B', 'C']],
    ['"Smith John"', []],
    ['Jhn Smtih', ['B', 'C']],
    ['Gacria', ['D']],
    ['Maria Gacria', ['D']],
    ['Smtih', ['A', 'B', 'C', 'G']],
    ['Smith', ['A', 'B', 'C', 'F', 'G']],
    ['Mary Smith Johnson', ['A']],
    ['Garza', ['E']],
  ])('"%s" finds exactly %j', async (q, expected) => {
    expect(await found(q)).toEqual(expected);
  });

  it('matches the word being typed as a prefix, and only that one', async () => {
    expect(await found('Garc')).toEqual(['D']);
    expect(await found('Garc Maria')).toEqual([]);
    // "john" is being typed (johnny, johnson too) but "smith" is not (no smithers): and both in one name.
    expect(await found('Smith John')).toEqual(['B', 'C']);
    expect(await found('Johnny Smith')).toEqual(['F']);
  });

  it('shows how a corrected word was read', async () => {
    const page = await engine.search({ q: 'Smtih' });
    expect(page.parsed.chips.map((c) => c.label)).toEqual(['Smtih → Smith']);
    const exact = await engine.search({ q: 'Smith' });
    expect(exact.parsed.chips.map((c) => c.label)).toEqual(['Smith']);
  });
});

describe('change values are searchable', () => {
  it.each([
    ['Platinum', ['G']],
    ['gold', ['G']],
    ['paused', ['I']],
    ['Level 3', ['A']],
    ['55', ['I']],
    ['5551234567', ['H']],
    ['555-123-4567', ['H']],
    ['(555) 123-4567', ['H']],
    ['555 987 6543', ['H']],
  ])('"%s" finds exactly %j', async (q, expected) => {
    expect(await found(q)).toEqual(expected);
  });
});
