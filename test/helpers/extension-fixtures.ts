import { REDACTED, type Entry } from '../../shared/entry.ts';
import type { Facets } from '../../shared/api.ts';

/** Facets as the admin API would give them for the demo: Chicago business time, one portal per face. */
export const FACETS: Facets = {
  staff: [
    { username: 'admin', member: 'Ada Admin', count: 10 },
    { username: 'jdoe', member: 'Jane Doe', count: 4 },
  ],
  sources: [
    { name: 'Office Portal', count: 12 },
    { name: 'Customer Portal', count: 2 },
  ],
  types: [{ name: 'student', count: 3 }],
  verbs: [{ name: 'update', count: 5 }],
  links: [{ type: 'student', link: '/students/{params.id}' }],
  timezone: 'America/Chicago',
  dateOrder: 'MDY',
  portals: [
    { source: 'Office Portal', url: 'http://127.0.0.1:8081' },
    { source: 'Customer Portal', url: 'http://127.0.0.1:8082/families' },
  ],
};

let seq = 0;

/** An entry with sensible defaults; `at` is a UTC instant. */
export function makeEntry(overrides: Partial<Entry> = {}): Entry {
  seq += 1;
  return {
    id: `01JENTRY${String(seq).padStart(18, '0')}`,
    seq,
    at: '2026-01-15T23:10:00.000Z',
    member: 'Ada Admin',
    memberKind: 'staff',
    username: 'admin',
    source: 'Office Portal',
    ip: '10.0.0.7',
    verb: 'update',
    action: 'Updated student',
    method: 'POST',
    path: '/students/42',
    status: 200,
    outcome: 'success',
    records: [
      {
        type: 'student',
        id: '42',
        name: 'Sam Smith',
        op: 'update',
        link: '/students/42',
        changes: [
          { field: 'level', before: '3', after: '4' },
          { field: 'pin', before: REDACTED, after: REDACTED },
        ],
      },
    ],
    requestId: `req-${seq}`,
    userAgent: null,
    truncated: false,
    prevHash: '0'.repeat(64),
    hash: 'f'.repeat(64),
    ...overrides,
  };
}

/** `count` entries one minute apart, newest first like the API returns them. */
export function makeEntries(count: number): Entry[] {
  return Array.from({ length: count }, (_, i) => makeEntry({ at: new Date(Date.UTC(2026, 0, 15, 23, 10) - i * 60_000).toISOString(), member: `Member ${i + 1}`, action: `Action ${i + 1}` }));
}
