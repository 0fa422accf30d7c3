import { describe, expect, it } from 'vitest';
import type { Entry } from '../../shared/entry.ts';
import { EXPORT_COLUMNS, exportHeader, exportRow } from '../../shared/format/export-row.ts';

const entry: Entry = {
  id: '01JDEMO',
  seq: 7,
  at: '2026-07-04T22:10:00.000Z',
  member: '=HYPERLINK("http://evil.example","click")',
  memberKind: 'family',
  username: '@admin',
  source: 'Customer Portal',
  ip: '10.0.0.7',
  verb: 'update',
  action: '+Updated family Smith: phone',
  method: 'PATCH',
  path: '/api/families/3',
  status: 200,
  outcome: 'success',
  records: [{ type: 'family', id: '3', name: 'Mary Smith', op: 'update', link: '/families/3', changes: [{ field: 'phone', before: '555-0100', after: '-1+1' }] }],
  requestId: 'r1',
  userAgent: null,
  truncated: false,
  prevHash: '0'.repeat(64),
  hash: 'f'.repeat(64),
};

describe('export and clipboard rows', () => {
  it('has one cell per column, the time in the business zone', () => {
    const row = exportRow(entry, 'America/Chicago');
    expect(row).toHaveLength(EXPORT_COLUMNS.length);
    expect(row[0]).toBe('2026-07-04 17:10:00');
    expect(row[6]).toBe('update family Mary Smith #3: phone 555-0100 → -1+1');
  });

  it('never hands a spreadsheet a formula that a client typed', () => {
    const row = exportRow(entry, 'UTC');
    expect(row[1]).toBe(`'=HYPERLINK("http://evil.example","click")`);
    expect(row[2]).toBe(`'@admin`);
    expect(row[5]).toBe(`'+Updated family Smith: phone`);
    for (const cell of row) expect(cell).not.toMatch(/^[=+\-@\t\r]/);
  });
});

describe('spreadsheet date-times', () => {
  it('writes the time as a spreadsheet parses it, in the business zone, and names the zone in the header', () => {
    const at = { ...entry, at: '2026-12-01T13:12:04.000Z' };
    expect(exportRow(at, 'America/Chicago')[0]).toBe('2026-12-01 07:12:04');
    expect(exportHeader('America/Chicago')[0]).toBe('Date and Time (America/Chicago)');
    expect(exportHeader('America/Chicago')).toHaveLength(EXPORT_COLUMNS.length);
  });
});
