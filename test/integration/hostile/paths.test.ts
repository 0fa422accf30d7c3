import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sha256 } from '../../helpers/counting-upstream.ts';
import { startHostileRig, type HostileRig } from '../../helpers/hostile-rig.ts';
import { sendRaw } from '../../helpers/raw-client.ts';

/**
 * A portal that reads paths leniently, as many servers do: slashes collapsed, dot segments resolved,
 * %2e decoded, encoded slashes and backslashes read as slashes, case ignored. Whatever the path looks like, it acts on the student it resolves to.
 */
function lenientPath(raw: string): string {
  const out: string[] = [];
  for (const segment of raw
    .split('?')[0]!
    .replace(/%2e/gi, '.')
    .replace(/%2f|%5c|\\/gi, '/')
    .toLowerCase()
    .split('/')) {
    if (segment === '' || segment === '.') continue;
    if (segment === '..') out.pop();
    else out.push(segment);
  }
  return `/${out.join('/')}`;
}

let proxy: HostileRig;
const students = new Map<string, { id: string; firstName: string; lastName: string; level: string }>();

beforeAll(async () => {
  for (const [id, firstName] of [
    ['101', 'Ann'],
    ['102', 'Bea'],
    ['103', 'Cid'],
    ['104', 'Dot'],
    ['105', 'Eve'],
  ] as const)
    students.set(id, { id, firstName, lastName: 'Stone', level: 'Beginner' });
  proxy = await startHostileRig({
    config: { records: [{ path: '/api/students/:id', type: 'student', name: '{before.firstName} {before.lastName}' }] },
    handler: (req, res) => {
      const m = /^\/api\/students\/(\d+)$/.exec(lenientPath(req.url));
      const row = m ? students.get(m[1]!) : undefined;
      if (!row) return void res.writeHead(404, { 'content-type': 'application/json' }).end('{"error":"not found"}');
      if (req.method === 'DELETE') {
        students.delete(row.id);
        return void res.writeHead(204).end();
      }
      if (req.method === 'PATCH') Object.assign(row, JSON.parse(req.body.toString('utf8')));
      res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(row));
    },
  });
});
afterAll(() => proxy?.close());
const portal = {
  get received() {
    return proxy.upstream.counted();
  },
};

const json = (value: unknown) => ({ headers: { 'content-type': 'application/json' }, body: JSON.stringify(value) });

describe('the portal receives exactly the path and bytes the client sent', () => {
  it.each([
    '//api/students/101',
    '/api//students/101',
    '/api/./students/../students/101',
    '/api/%2e%2e/api/students/101',
    '/API/STUDENTS/101',
    // Node's own parser refuses raw bytes above 0x7f before any handler runs, so they are sent encoded.
    '/api/students/101?q=%FF%00&x=a|b{}"<>^`&y=%C3%A9&&z==;x',
    '/../api/students/101',
    '/api/students%2F101',
  ])('a GET of %s arrives byte for byte', async (target) => {
    const before = portal.received.length;
    const answer = await sendRaw(proxy.url, target);
    expect(answer.status).toBeLessThan(500);
    expect(portal.received.slice(before).map((r) => r.url)).toEqual([target]);
  });

  it('a POST with an odd target and body arrives with the same path and the same body hash', async () => {
    const body = Buffer.from('{"firstName":"Zed","note":"\u00e9 \\u0000"}');
    const before = portal.received.length;
    await sendRaw(proxy.url, '/api//students?x=1&x=2&%zz', { method: 'POST', headers: { 'content-type': 'application/json' }, body });
    expect(portal.received.slice(before)).toEqual([expect.objectContaining({ method: 'POST', url: '/api//students?x=1&x=2&%zz', sha256: sha256(body) })]);
  });
});

describe('rules match one normalised form of the path', () => {
  async function lastEntryFor(method: string) {
    const all = await proxy.entries();
    return all.filter((e) => e.method === method).at(-1)!;
  }

  it('PATCH /api//students/103 names student 103', async () => {
    const answer = await sendRaw(proxy.url, '/api//students/103', { method: 'PATCH', ...json({ level: 'Elite' }) });
    expect(answer.status).toBe(200);
    expect((await lastEntryFor('PATCH')).records).toEqual([expect.objectContaining({ type: 'student', id: '103', name: 'Cid Stone' })]);
  });

  it("DELETE //api/students/102 appears in record 102's history", async () => {
    const answer = await sendRaw(proxy.url, '//api/students/102', { method: 'DELETE' });
    expect(answer.status).toBe(204);
    expect(students.has('102')).toBe(false);
    const history = await sendRaw(proxy.admin.url, '/api/records/student/102', { headers: { authorization: `Bearer ${proxy.admin.initialToken}` } });
    expect(history.status).toBe(200);
    expect(history.json().entries).toEqual([expect.objectContaining({ method: 'DELETE', outcome: 'success' })]);
  });

  it.each([
    ['/api/%2e%2e/api/students/104', '104', 'Dot Stone'],
    ['/api/./students/x/../105', '105', 'Eve Stone'],
    ['/API/STUDENTS/101', '101', 'Ann Stone'],
  ])('PATCH %s names the student the portal changed', async (target, id, name) => {
    const answer = await sendRaw(proxy.url, target, { method: 'PATCH', ...json({ level: 'Elite' }) });
    expect(answer.status).toBe(200);
    expect((await lastEntryFor('PATCH')).records).toEqual([expect.objectContaining({ type: 'student', id, name })]);
  });

  it.each([
    ['/api%2Fstudents%2F105', '105', 'Eve Stone'],
    ['/api\\students/104', '104', 'Dot Stone'],
  ])('PATCH %s, an encoded slash or backslash, is recorded with the record it names when read as a slash', async (target, id, name) => {
    await sendRaw(proxy.url, target, { method: 'PATCH', ...json({ level: 'Elite' }) });
    expect(portal.received.at(-1)!.url).toBe(target);
    expect((await lastEntryFor('PATCH')).records).toEqual([expect.objectContaining({ type: 'student', id, name })]);
  });

  it.each(['/api/students/101%00', '/../api/students/101', '/api/../../api/students/101', '/api%2F..%2F..%2Fapi/students/101'])(
    'a change to the ambiguous path %s is refused with 400 before the portal',
    async (target) => {
      const before = portal.received.length;
      const entries = (await proxy.entries()).length;
      const answer = await sendRaw(proxy.url, target, { method: 'DELETE' });
      expect(answer.status).toBe(400);
      expect(answer.json().error).toMatch(/path/i);
      expect(portal.received.length).toBe(before);
      expect((await proxy.entries()).length).toBe(entries);
      expect(students.has('101')).toBe(true);
    },
  );
});
