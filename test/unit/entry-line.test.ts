import { expect, it } from 'vitest';
import type { Entry } from '../../shared/entry.ts';
import { formatEntryLine } from '../../shared/format/entry-line.ts';

const entry: Entry = {
  id: '01JDV0MGG7EWJPAZCVHEF1QN1P',
  seq: 7,
  at: '2026-01-15T23:10:05.000Z',
  member: 'Pat Admin',
  memberKind: 'staff',
  username: 'admin',
  source: 'Office Portal',
  ip: '10.0.0.7',
  verb: 'update',
  action: 'Updated student Jane Smith: level, notes',
  method: 'PUT',
  path: '/api/students/42',
  status: 200,
  outcome: 'success',
  records: [
    {
      type: 'student',
      id: '42',
      name: 'Jane Smith',
      op: 'update',
      link: '/students/42',
      changes: [
        { field: 'level', before: 'Level 2', after: 'Level 3' },
        { field: 'notes', before: null, after: '[redacted]' },
      ],
    },
  ],
  requestId: 'r1',
  userAgent: null,
  truncated: false,
  prevHash: '0'.repeat(64),
  hash: 'a'.repeat(64),
};

it('shows when (in the business time zone), who, source, IP, action and each change', () => {
  expect(formatEntryLine(entry, { timezone: 'America/Chicago' })).toBe(
    [
      '01/15/2026 5:10:05 PM  Pat Admin (admin)  Office Portal  10.0.0.7  Updated student Jane Smith: level, notes',
      '    student Jane Smith: level Level 2 → Level 3',
      '    student Jane Smith: notes changed (hidden)',
    ].join('\n'),
  );
});

it('puts the day first for DMY and crosses midnight by the zone, and marks failures', () => {
  const line = formatEntryLine({ ...entry, records: [], outcome: 'failure', status: 403 }, { timezone: 'Europe/Berlin', dateOrder: 'DMY' });
  expect(line).toBe('16/01/2026 00:10:05  Pat Admin (admin)  Office Portal  10.0.0.7  Updated student Jane Smith: level, notes  [failure 403]');
});
