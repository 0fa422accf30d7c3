import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { RecordHistoryResponse } from '../../shared/api.ts';
import type { AffectedRecord, EntryDraft } from '../../shared/entry.ts';
import { parseConfig } from '../../proxy/config/load.ts';
import type { SearchEngine } from '../../proxy/search/types.ts';
import { bearer, call, draft, startAdminFixture, type AdminFixture } from '../helpers/admin-api.ts';
import { searchLog } from '../helpers/search-log.ts';

/** The demo's rules that relate records: enrollments and check-ins to their student, payments to their family. */
const RULES = parseConfig({
  dataDir: '/tmp/unused',
  timezone: 'America/Chicago',
  portals: [{ listen: '127.0.0.1:0', target: 'http://127.0.0.1:9', source: 'Office Portal' }],
  records: [
    { path: '/api/students/:id', type: 'student', name: '{before.firstName} {before.lastName}' },
    { path: '/api/families/:id', type: 'family', name: '{before.guardianFirst} {before.guardianLast}' },
    { method: 'POST', path: '/api/enrollments', type: 'enrollment', nameFrom: { get: '/api/students/{body.studentId}', name: '{firstName} {lastName}' } },
    { method: 'POST', path: '/kiosk/checkin', type: 'attendance', nameFrom: { get: '/api/students/{body.studentId}', name: '{firstName} {lastName}' } },
    { method: 'POST', path: '/api/payments', type: 'payment', nameFrom: { get: '/api/families/{body.familyId}', name: '{guardianFirst} {guardianLast}' } },
  ],
}).records;

const rec = (type: string, id: string, name: string, related?: AffectedRecord['related']): AffectedRecord => ({
  type,
  id,
  name,
  op: 'create',
  link: null,
  changes: [],
  ...(related && { related }),
});
const LOG: EntryDraft[] = [
  draft({ requestId: 'student', action: 'Updated student Emma Smith: level', records: [rec('student', '7', 'Emma Smith')] }),
  draft({ requestId: 'enrolled', action: 'Enrolled Emma Smith', records: [rec('enrollment', '300', 'Emma Smith', [{ type: 'student', id: '7' }])] }),
  draft({ requestId: 'checked in', action: 'Checked in Emma Smith', records: [rec('attendance', '400', 'Emma Smith', [{ type: 'student', id: '7' }])] }),
  draft({ requestId: 'other Emma', action: 'Checked in Emma Smith', records: [rec('attendance', '401', 'Emma Smith', [{ type: 'student', id: '8' }])] }),
  draft({ requestId: 'old enrollment', action: 'Enrolled Emma Smith', records: [rec('enrollment', '299', 'Emma Smith')] }),
  draft({ requestId: 'family', action: 'Updated family Mary Smith: phone', records: [rec('family', '3', 'Mary Smith')] }),
  draft({ requestId: 'payment', action: 'Payment for Mary Smith', records: [rec('payment', '900', 'Mary Smith', [{ type: 'family', id: '3' }])] }),
  draft({ requestId: 'unrelated', action: 'Updated student Emma Jones: level', records: [rec('student', '9', 'Emma Jones')] }),
];

describe('a record history lists the entries on records related to it', () => {
  let engine: SearchEngine;
  beforeAll(async () => {
    const searched = await searchLog(LOG, { timezone: 'America/Chicago', dateOrder: 'MDY', records: RULES });
    engine = searched.engine;
    return searched.close;
  });

  it("a student's history: the student, its enrollments and check-ins by reference, older ones by its name", async () => {
    const history = await engine.recordHistory('student', '7');
    expect(history.map((e) => e.requestId)).toEqual(['old enrollment', 'checked in', 'enrolled', 'student']);
  });

  it("a family's history holds its payments", async () => {
    expect((await engine.recordHistory('family', '3')).map((e) => e.requestId)).toEqual(['payment', 'family']);
  });

  it("a related record's own history is unchanged", async () => {
    expect((await engine.recordHistory('enrollment', '300')).map((e) => e.requestId)).toEqual(['enrolled']);
  });
});

describe('GET /api/records/:type/:id', () => {
  let fx: AdminFixture;
  beforeAll(async () => (fx = await startAdminFixture({ entries: LOG })));
  afterAll(() => fx?.close());

  it('answers the entries on the record and on the records that refer to it', async () => {
    const res = await call(`${fx.url}/api/records/student/7`, { headers: bearer(fx.adminToken) });
    const body = RecordHistoryResponse.parse(res.json());
    expect(body.entries.map((e) => e.requestId)).toEqual(['checked in', 'enrolled', 'student']);
    expect(body.entries[0]!.records[0]!.related).toEqual([{ type: 'student', id: '7' }]);
  });
});
