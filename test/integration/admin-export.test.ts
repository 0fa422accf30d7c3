import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SearchResponse } from '../../shared/api.ts';
import { AUDIT_LOG_SOURCE, Entry } from '../../shared/entry.ts';
import { exportHeader } from '../../shared/format/export-row.ts';
import { bearer, draft, startAdminFixture, type AdminFixture } from '../helpers/admin-api.ts';
import { parseCsv } from '../helpers/delimited.ts';

const MANY = 120;
let fx: AdminFixture;
const get = (path: string) => fx.request(`${path}`, { headers: bearer(fx.adminToken) });

beforeAll(async () => {
  const entries = Array.from({ length: MANY }, (_, i) =>
    draft({ at: new Date(Date.UTC(2026, 10, 25, 20, 10, 0) - (MANY - 1 - i) * 60_000).toISOString(), member: `Coach ${i}`, username: `coach${i % 3}` }),
  );
  // Appended first: the oldest entry, in daylight saving time.
  entries.unshift(
    draft({
      at: '2026-07-04T17:00:00.000Z',
      member: 'Quote "Q" Person, Jr.',
      username: 'q.person',
      action: 'Updated student Jane Smith: notes',
      records: [{ type: 'student', id: '42', name: 'Jane Smith', op: 'update', link: null, changes: [{ field: 'notes', before: 'line one\nline two', after: 'a, b' }] }],
    }),
  );
  fx = await startAdminFixture({ entries });
});
afterAll(() => fx?.close());

describe('GET /api/export', () => {
  it('streams every match as RFC 4180 CSV after a UTF-8 BOM, with a header row naming the zone and spreadsheet date-times', async () => {
    const res = await get('/api/export?format=csv&source=Office%20Portal');
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toMatch(/^text\/csv/);
    expect(res.headers['content-disposition']).toMatch(/^attachment; filename="portal-audit-\d{4}-\d{2}-\d{2}\.csv"$/);
    // Excel on Windows reads "→" right only after a byte-order mark.
    expect(res.text.charCodeAt(0)).toBe(0xfeff);
    const rows = parseCsv(res.text.slice(1));
    const columns = exportHeader('America/Chicago');
    expect(rows[0]).toEqual(columns);
    const data = rows.slice(1);
    expect(data).toHaveLength(MANY + 1); // all matches, far more than one 50-entry page
    const col = (name: string) => columns.findIndex((c) => c.startsWith(name));
    // Newest first, in America/Chicago (CST in November, CDT in July), as a spreadsheet reads a date-time.
    expect(data[0]![col('Date and Time')]).toBe('2026-11-25 14:10:00');
    const odd = data.find((r) => r[col('Username')] === 'q.person')!;
    expect(odd[col('Date and Time')]).toBe('2026-07-04 12:00:00');
    expect(odd[col('Member Name')]).toBe('Quote "Q" Person, Jr.');
    expect(odd[col('Affected Records')]).toBe('update student Jane Smith #42: notes line one\nline two → a, b');
    expect(odd[col('IP Address')]).toBe('10.0.0.7');
  });

  it('applies the same filters as search', async () => {
    const rows = parseCsv((await get('/api/export?staff=coach1')).text.slice(1)).slice(1);
    expect(rows).toHaveLength(MANY / 3);
    expect(new Set(rows.map((r) => r[2]))).toEqual(new Set(['coach1']));
  });

  it('exports JSON Lines of whole entries and TSV with a header', async () => {
    const jsonl = await get('/api/export?format=jsonl&staff=q.person');
    expect(jsonl.headers['content-type']).toMatch(/^application\/x-ndjson/);
    const lines = jsonl.text
      .trimEnd()
      .split('\n')
      .map((l) => Entry.parse(JSON.parse(l)));
    expect(lines.map((e) => e.username)).toEqual(['q.person']);
    const tsv = await get('/api/export?format=tsv&staff=q.person');
    expect(tsv.text.split('\r\n')[0]).toBe(exportHeader('America/Chicago').join('\t'));
    expect(tsv.text).toContain('\t"Quote ""Q"" Person, Jr."\t');
  });

  it('logs the export itself with its count', async () => {
    await get('/api/export?format=csv&staff=coach2');
    const logged = SearchResponse.parse((await get(`/api/entries?source=${encodeURIComponent(AUDIT_LOG_SOURCE)}&verb=export`)).json());
    expect(logged.entries.map((e) => e.action)).toContain(`Exported ${MANY / 3} entries as CSV matching all entries (staff coach2)`);
    expect(logged.entries.every((e) => e.member === 'token root · Portal Audit' && e.username === null)).toBe(true);
  });

  it('names a bad format', async () => {
    const res = await get('/api/export?format=xlsx');
    expect(res.status).toBe(400);
    expect(res.json()).toEqual({ error: 'format: must be csv, tsv or jsonl', param: 'format' });
  });
});
