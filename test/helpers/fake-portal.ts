import { randomBytes } from 'node:crypto';
import { sendJson, startRecordingUpstream, type RecordingUpstream } from './recording-upstream.ts';

type Row = Record<string, unknown> & { id: string };

/**
 * A tiny school portal behind the proxy: students and families with a JSON API, a login that sets a
 * session cookie when the password is "right", payments, and an endpoint that accepts any upload.
 */
export async function startFakePortal(): Promise<RecordingUpstream & { students: Map<string, Row> }> {
  const students = new Map<string, Row>([
    ['1', { id: '1', firstName: 'Jane', lastName: 'Smith', level: 'Beginner', status: 'active' }],
    ['2', { id: '2', firstName: 'John', lastName: 'Smith', level: 'Advanced', status: 'active' }],
  ]);
  const families = new Map<string, Row>([['7', { id: '7', guardianFirst: 'Mary', guardianLast: 'Smith' }]]);
  let nextId = 100;
  const upstream = await startRecordingUpstream((req, res) => {
    const path = req.url.split('?')[0]!;
    const json = () => {
      try {
        return JSON.parse(req.body.toString('utf8'));
      } catch {
        return Object.fromEntries(new URLSearchParams(req.body.toString('utf8')));
      }
    };
    if (path === '/login' && req.method === 'POST') {
      const { password } = json();
      if (password !== 'right') return sendJson(res, 401, { error: 'bad credentials' });
      return sendJson(res, 200, { ok: true }, { 'set-cookie': [`sid=${randomBytes(12).toString('hex')}; HttpOnly; Path=/`] });
    }
    if (path === '/logout') return sendJson(res, 200, { ok: true }, { 'set-cookie': ['sid=; Max-Age=0; Path=/'] });
    const student = /^\/api\/students\/([^/]+)$/.exec(path);
    if (student) {
      const row = students.get(student[1]!);
      if (!row) return sendJson(res, 404, { error: 'no such student' });
      if (req.method === 'GET') return sendJson(res, 200, row);
      if (req.method === 'DELETE') {
        students.delete(row.id);
        res.writeHead(204).end();
        return;
      }
      Object.assign(row, json(), { id: row.id });
      return sendJson(res, 200, row);
    }
    if (path === '/api/students' && req.method === 'POST') {
      // Multipart forms are taken as they come: the test checks what the proxy made of them.
      const body = String(req.headers['content-type']).startsWith('multipart/') ? { firstName: 'from a form' } : json();
      if (!body.firstName) return sendJson(res, 400, { error: 'firstName is required' });
      const row = { ...body, id: String(nextId++) };
      students.set(row.id, row);
      return sendJson(res, 201, row);
    }
    const family = /^\/api\/families\/([^/]+)$/.exec(path);
    if (family && families.has(family[1]!)) return sendJson(res, 200, families.get(family[1]!));
    if (path === '/api/payments' && req.method === 'POST') return sendJson(res, 201, { id: `p${nextId++}`, ...json() });
    if (path === '/upload') return sendJson(res, 200, { bytes: req.body.length });
    return sendJson(res, 200, { ok: true, path });
  });
  return Object.assign(upstream, { students });
}
