import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SignJWT } from 'jose';
import { startDemoPortal, type DemoPortal } from '../../proxy/demo/portal/server.ts';
import { DEMO_JWT_SECRET } from '../../proxy/demo/portal/seed-data.ts';

let portal: DemoPortal;
beforeAll(async () => {
  portal = await startDemoPortal({ port: 0 });
});
afterAll(() => portal.close());

const basic = (user: string, secret: string) => `Basic ${Buffer.from(`${user}:${secret}`).toString('base64')}`;

async function call(method: string, path: string, { body, auth, form }: { body?: unknown; auth?: string; form?: Record<string, string> } = {}) {
  const headers: Record<string, string> = {};
  if (auth) headers[auth.startsWith('Basic') || auth.startsWith('Bearer') ? 'authorization' : 'cookie'] = auth;
  let payload: string | undefined;
  if (form) {
    headers['content-type'] = 'application/x-www-form-urlencoded';
    payload = new URLSearchParams(form).toString();
  } else if (body !== undefined) {
    headers['content-type'] = 'application/json';
    payload = JSON.stringify(body);
  }
  const res = await fetch(portal.url + path, { method, headers, body: payload, redirect: 'manual' });
  const text = await res.text();
  let json: any = null;
  try {
    json = JSON.parse(text);
  } catch {
    json = text;
  }
  return { status: res.status, json, headers: res.headers };
}

async function login(username: string, password = 'password'): Promise<string> {
  const res = await call('POST', '/login', { body: { username, password } });
  expect(res.status).toBe(200);
  return res.headers.get('set-cookie')!.split(';')[0]!;
}

describe('demo portal API', () => {
  it('refuses mutations and reads without sign-in, and a wrong password', async () => {
    expect((await call('POST', '/api/students', { body: { firstName: 'A' } })).status).toBe(401);
    expect((await call('DELETE', '/api/students/101')).status).toBe(401);
    expect((await call('GET', '/api/students')).status).toBe(401);
    expect((await call('POST', '/login', { body: { username: 'admin', password: 'nope' } })).status).toBe(401);
    expect((await call('POST', '/login', { form: { username: 'admin', password: 'nope' } })).status).toBe(401);
    expect((await call('POST', '/kiosk/checkin', { body: { studentId: 101, classId: 203 }, auth: basic('jane.smith', '0000') })).status).toBe(401);
  });

  it('does create, read, update, patch and delete of students as staff', async () => {
    const admin = await login('admin');
    const created = await call('POST', '/api/students', {
      auth: admin,
      body: { firstName: 'Lily', lastName: 'Smith', birthDate: '2017-05-01', level: 'Level 1', familyId: 2 },
    });
    expect(created.status).toBe(201);
    expect(created.json).toMatchObject({ firstName: 'Lily', status: 'active', familyId: 2 });
    const id = created.json.id;

    const patched = await call('PATCH', `/api/students/${id}`, { auth: admin, body: { level: 'Level 2', status: 'waitlist' } });
    expect(patched.json).toMatchObject({ level: 'Level 2', status: 'waitlist', lastName: 'Smith' });

    const put = await call('PUT', `/api/students/${id}`, { auth: admin, body: { ...patched.json, firstName: 'Lilly' } });
    expect(put.status).toBe(200);
    expect((await call('GET', `/api/students/${id}`, { auth: admin })).json.firstName).toBe('Lilly');

    const smiths = await call('GET', '/api/students?q=smith', { auth: admin });
    expect(smiths.json.length).toBeGreaterThanOrEqual(5);

    expect((await call('DELETE', `/api/students/${id}`, { auth: admin })).status).toBe(200);
    expect((await call('GET', `/api/students/${id}`, { auth: admin })).status).toBe(404);
  });

  it('updates a student from the HTML edit form and redirects to the page', async () => {
    const admin = await login('front.desk');
    const res = await call('POST', '/api/students/106', { auth: admin, form: { level: 'Level 3', status: 'active' } });
    expect(res.status).toBe(303);
    expect(res.headers.get('location')).toBe('/students/106');
    const page = await call('GET', '/students/106', { auth: admin });
    expect(page.json).toContain('Sofia Garcia');
    expect(page.json).toContain('Level 3');
  });

  it('answers 400 naming the field of a bad body', async () => {
    const admin = await login('admin');
    const bad = await call('POST', '/api/students', { auth: admin, body: { firstName: 'X', lastName: 'Y', birthDate: 'yesterday', level: 'L1', familyId: 1 } });
    expect(bad.status).toBe(400);
    expect(bad.json.field).toBe('birthDate');
    expect(bad.json.error).toMatch(/^birthDate/);
    const pay = await call('POST', '/api/payments', { auth: admin, body: { familyId: 1, amount: 20, method: 'card' } });
    expect(pay.json).toMatchObject({ field: 'cardNumber' });
    const phone = await call('PATCH', '/api/families/1', { auth: admin, body: { phone: 'call me' } });
    expect(phone.json).toMatchObject({ field: 'phone' });
  });

  it('keeps families to their own records', async () => {
    const jane = await login('jane.smith');
    expect((await call('PATCH', '/api/families/1', { auth: jane, body: { phone: '555-0199' } })).json.phone).toBe('555-0199');
    expect((await call('PATCH', '/api/families/2', { auth: jane, body: { phone: '555-0199' } })).status).toBe(403);
    expect((await call('DELETE', '/api/students/101', { auth: jane })).status).toBe(403);
    const mine = await call('GET', '/api/students', { auth: jane });
    expect(mine.json.every((s: { familyId: number }) => s.familyId === 1)).toBe(true);
    const family = await call('GET', '/api/families/1', { auth: jane });
    expect(family.json).not.toHaveProperty('password');
    expect(family.json).not.toHaveProperty('pin');
  });

  it('enrolls, charges and takes payments keeping only the last 4 card digits', async () => {
    const desk = await login('front.desk');
    const enrolled = await call('POST', '/api/enrollments', { auth: desk, body: { studentId: 109, classId: 202 } });
    expect(enrolled.status).toBe(201);
    expect((await call('GET', `/api/enrollments/${enrolled.json.id}`, { auth: desk })).json.studentId).toBe(109);
    expect((await call('DELETE', `/api/enrollments/${enrolled.json.id}`, { auth: desk })).status).toBe(200);
    expect((await call('POST', '/api/enrollments', { auth: desk, body: { studentId: 9999, classId: 202 } })).json.field).toBe('studentId');
    expect((await call('POST', '/api/charges', { auth: desk, body: { familyId: 3, amount: 25, description: 'Leotard' } })).status).toBe(201);
    const paid = await call('POST', '/api/payments', { auth: desk, body: { familyId: 3, amount: 25, method: 'card', cardNumber: '4242424242424242' } });
    expect(paid.status).toBe(201);
    expect(paid.json.cardLast4).toBe('4242');
    expect(JSON.stringify(paid.json)).not.toContain('4242424242424242');
  });

  it('gives the mobile app a JWT and accepts it', async () => {
    const token = await call('POST', '/api/mobile/token', { body: { username: 'maria.garcia', password: 'password' } });
    expect(token.status).toBe(200);
    const bearer = `Bearer ${token.json.token}`;
    expect((await call('POST', '/api/payments', { auth: bearer, body: { familyId: 3, amount: 95, method: 'cash' } })).status).toBe(201);
    const forged = await new SignJWT({}).setProtectedHeader({ alg: 'HS256' }).setSubject('admin').sign(new TextEncoder().encode('wrong'));
    expect((await call('DELETE', '/api/students/101', { auth: `Bearer ${forged}` })).status).toBe(401);
    const real = await new SignJWT({}).setProtectedHeader({ alg: 'HS256' }).setSubject('maria.garcia').sign(new TextEncoder().encode(DEMO_JWT_SECRET));
    expect((await call('GET', '/api/families/3', { auth: `Bearer ${real}` })).status).toBe(200);
  });

  it('checks students in and punches the time clock over HTTP Basic with PINs', async () => {
    const checkIn = await call('POST', '/kiosk/checkin', { auth: basic('jane.smith', '1234'), body: { studentId: 101, classId: 203 } });
    expect(checkIn.status).toBe(201);
    expect((await call('POST', '/kiosk/checkin', { auth: basic('jane.smith', '1234'), body: { studentId: 106, classId: 203 } })).status).toBe(403);
    const punch = await call('POST', '/kiosk/timeclock/punch', { auth: basic('coach.kim', '2222'), body: { type: 'in' } });
    expect(punch.json).toMatchObject({ username: 'coach.kim', type: 'in', staffName: 'Kim Nguyen' });
    expect((await call('POST', '/kiosk/timeclock/punch', { auth: basic('jane.smith', '1234'), body: { type: 'in' } })).status).toBe(403);
    expect((await call('POST', '/kiosk/timeclock/punch', { auth: basic('coach.kim', '2222'), body: { type: 'lunch' } })).json.field).toBe('type');
  });

  it('signs in and out with the HTML form', async () => {
    const res = await call('POST', '/login', { form: { username: 'john.smith', password: 'password' } });
    expect(res.status).toBe(303);
    expect(res.headers.get('location')).toBe('/families/2');
    const cookie = res.headers.get('set-cookie')!.split(';')[0]!;
    expect((await call('GET', '/families/2', { auth: cookie })).json).toContain('John Smith');
    expect((await call('POST', '/logout', { auth: cookie, form: {} })).status).toBe(303);
    expect((await call('GET', '/families/2', { auth: cookie })).status).toBe(303);
  });
});
