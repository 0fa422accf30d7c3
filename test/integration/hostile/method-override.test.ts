import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeEach, beforeAll, describe, expect, it } from 'vitest';
import type { Entry } from '../../../shared/entry.ts';
import { sendJson, type ReceivedRequest } from '../../helpers/recording-upstream.ts';
import { startHostileRig, type HostileRig } from '../../helpers/hostile-rig.ts';

const STUDENTS: Record<string, string> = { '1': 'Jane Smith', '2': 'John Smith', '3': 'Ann Lee', '4': 'Bo Chan', '5': 'Cy Park', '6': 'Di Moss' };
let students = new Map<string, { id: string; firstName: string; lastName: string }>();

/** The method a Rails/Laravel/Express portal with method-override acts on: a header, `_method` in the body, or `_method` in the query. */
function portalMethod(req: ReceivedRequest): string {
  const text = req.body.toString('utf8');
  const body = String(req.headers['content-type']).includes('json') && text ? (JSON.parse(text) as Record<string, unknown>) : Object.fromEntries(new URLSearchParams(text));
  const header = req.headers['x-http-method-override'] ?? req.headers['x-http-method'] ?? req.headers['x-method-override'];
  const query = new URL(req.url, 'http://portal').searchParams.get('_method');
  const field = typeof body._method === 'string' ? body._method : undefined;
  const claimed = String(header ?? field ?? query ?? req.method).toUpperCase();
  // Like express's method-override, a value that is no method is ignored.
  return /^[A-Z]+$/.test(claimed) ? claimed : req.method;
}

let proxy: HostileRig;
/** Per request the portal acted on as a change: whether its intent was in the journal before the portal saw it. */
const intentFirst: boolean[] = [];

beforeAll(async () => {
  proxy = await startHostileRig({
    config: { records: [{ path: '/api/students/:id', type: 'student', name: '{before.firstName} {before.lastName}' }] },
    handler: async (req, res) => {
      const id = /^\/api\/students\/([^/?]+)/.exec(req.url)?.[1] ?? '';
      const row = students.get(id);
      if (!row) return sendJson(res, 404, { error: 'no such student' });
      const method = portalMethod(req);
      if (method === 'GET') return sendJson(res, 200, row);
      const journal = await readFile(join(proxy.dataDir, 'intents.jsonl'), 'utf8').catch(() => '');
      intentFirst.push(journal.includes(`/api/students/${id}`));
      if (method === 'DELETE') students.delete(id);
      res.writeHead(204).end();
    },
  });
});
afterAll(() => proxy?.close());
beforeEach(() => {
  students = new Map(Object.entries(STUDENTS).map(([id, name]) => [id, { id, firstName: name.split(' ')[0] ?? '', lastName: name.split(' ')[1] ?? '' }]));
  intentFirst.length = 0;
});

async function lastEntryFor(path: string): Promise<Entry | undefined> {
  return (await proxy.entries()).filter((e) => e.path === path).at(-1);
}

/** What the portal received for the client's own request (not the proxy's snapshot lookup): method, target, body. */
const clientRequests = (url: string) => proxy.upstream.received.filter((r) => r.url === url && portalMethod(r) !== 'GET');

describe('a request the portal treats as another method (method override)', () => {
  it.each([
    ['X-HTTP-Method-Override', '1'],
    ['X-HTTP-Method', '2'],
    ['X-Method-Override', '3'],
  ])('a GET with %s: DELETE is recorded as the delete of that record; the portal gets the GET unchanged', async (header, id) => {
    const answer = await proxy.send(`/api/students/${id}`, { headers: { [header]: 'DELETE' } });
    expect(answer.status).toBe(204);
    expect(students.has(id)).toBe(false);
    expect(intentFirst).toEqual([true]);
    const [sent, ...more] = clientRequests(`/api/students/${id}`);
    expect(more).toEqual([]);
    expect(sent).toMatchObject({ method: 'GET', headers: { [header.toLowerCase()]: 'DELETE' } });
    const entry = await lastEntryFor(`/api/students/${id}`);
    expect(entry).toMatchObject({ verb: 'delete', method: 'DELETE', action: `Deleted student ${STUDENTS[id]}`, outcome: 'success', records: [expect.objectContaining({ type: 'student', id })] });
    // The wire method is not hidden.
    expect(entry?.notes).toEqual([expect.stringMatching(new RegExp(`^sent as GET with ${header}: DELETE`))]);
  });

  it('a POST with _method=DELETE in a form body is recorded as the delete; the portal gets the same bytes', async () => {
    const body = '_method=DELETE&authenticity_token=abc';
    const answer = await proxy.send('/api/students/4', { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body });
    expect(answer.status).toBe(204);
    expect(students.has('4')).toBe(false);
    expect(intentFirst).toEqual([true]);
    expect(clientRequests('/api/students/4').map((r) => [r.method, r.body.toString('utf8')])).toEqual([['POST', body]]);
    const entry = await lastEntryFor('/api/students/4');
    expect(entry).toMatchObject({ verb: 'delete', method: 'DELETE', action: 'Deleted student Bo Chan', records: [expect.objectContaining({ type: 'student', id: '4' })] });
    expect(entry?.notes).toEqual([expect.stringMatching(/^sent as POST with _method=DELETE in the body/)]);
  });

  it('a POST with "_method": "delete" in a JSON body is recorded as the delete', async () => {
    await proxy.send('/api/students/5', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ _method: 'delete' }) });
    expect(students.has('5')).toBe(false);
    expect(await lastEntryFor('/api/students/5')).toMatchObject({ verb: 'delete', method: 'DELETE', action: 'Deleted student Cy Park' });
  });

  it('a GET with ?_method=DELETE is recorded as the delete, the query left as sent', async () => {
    const answer = await proxy.send('/api/students/6?_method=DELETE');
    expect(answer.status).toBe(204);
    expect(students.has('6')).toBe(false);
    expect(intentFirst).toEqual([true]);
    expect(clientRequests('/api/students/6?_method=DELETE').map((r) => r.method)).toEqual(['GET']);
    const entry = await lastEntryFor('/api/students/6');
    expect(entry).toMatchObject({ verb: 'delete', method: 'DELETE', action: 'Deleted student Di Moss' });
    expect(entry?.notes).toEqual([expect.stringMatching(/^sent as GET with _method=DELETE in the query/)]);
  });

  it("the proxy's own snapshot lookup never carries the override, so it cannot change the record itself", async () => {
    await proxy.send('/api/students/1', { headers: { 'X-HTTP-Method-Override': 'DELETE' } });
    const lookups = proxy.upstream.received.filter((r) => r.url === '/api/students/1' && r.headers['x-http-method-override'] === undefined);
    expect(lookups.length).toBeGreaterThan(0);
  });

  it('a GET without an override, or with one naming a read or no method at all, is still only forwarded', async () => {
    const before = (await proxy.entries()).length;
    const variants: Array<Record<string, string>> = [{}, { 'X-HTTP-Method-Override': 'GET' }, { 'X-HTTP-Method-Override': 'DELETE me' }];
    for (const headers of variants) {
      expect((await proxy.send('/api/students/2', { headers })).status).toBe(200);
    }
    expect(students.has('2')).toBe(true);
    expect((await proxy.entries()).length).toBe(before);
  });
});
