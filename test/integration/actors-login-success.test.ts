import { afterEach, expect, it } from 'vitest';
import { jsonBody } from '../helpers/capture-rig.ts';
import { cookieHeader, form, LOGIN_DIRECTORY, startLoginRig, type LoginRig } from '../helpers/login-portal.ts';
import { sendJson, startRecordingUpstream } from '../helpers/recording-upstream.ts';

// Issue 8, findings 2 and 3: deciding that a login succeeded is explicit and conservative, and only
// session cookies and tokens ever name anyone.
let rig: LoginRig;
afterEach(() => rig?.close());

const actors = { login: { path: '/login', logoutPath: '/logout' }, directory: LOGIN_DIRECTORY };
const deleteNote = (headers: Record<string, string>) => ({ method: 'DELETE', headers, localAddress: '127.0.0.2' });

it('a wrong password answered 302 back to the login page with a flash cookie is a failed login', async () => {
  rig = await startLoginRig(actors);
  const answer = await rig.send('/login', { method: 'POST', ...form({ username: 'pat.admin', password: 'wrong' }) });
  expect(answer).toMatchObject({ status: 302, headers: { location: '/login', 'set-cookie': ['flash=Wrong+password; Path=/'] } });
  expect(await rig.lastEntry()).toMatchObject({ verb: 'login', outcome: 'failure', action: 'Failed login as pat.admin', member: 'Unknown', username: 'pat.admin' });
});

it('spoofed login cookies: a stranger replaying the flash or lang cookie a login set is nobody', async () => {
  rig = await startLoginRig(actors);
  await rig.send('/login', { method: 'POST', ...form({ username: 'pat.admin', password: 'wrong' }) });
  const bob = await rig.send('/login', { method: 'POST', ...form({ username: 'bob.builder', password: 'right' }) });
  expect(cookieHeader(bob.headers['set-cookie'])).toContain('lang=en');
  expect(await rig.lastEntry()).toMatchObject({ verb: 'login', outcome: 'success', member: 'Bob Builder' });

  for (const cookie of ['flash=Wrong+password', 'lang=en', 'flash=Wrong%2Bpassword; lang=en']) {
    await rig.send('/api/notes/1', deleteNote({ cookie }));
    expect(await rig.lastEntry()).toMatchObject({ method: 'DELETE', member: 'Unknown', memberKind: 'unknown', username: null });
  }
  // Bob's own session cookie still names Bob.
  const session = cookieHeader(bob.headers['set-cookie'])
    .split('; ')
    .find((pair) => pair.startsWith('connect.sid='))!;
  await rig.send('/api/notes/1', deleteNote({ cookie: session }));
  expect(await rig.lastEntry()).toMatchObject({ method: 'DELETE', member: 'Bob Builder', outcome: 'success' });
});

it('a 200 login with a token in JSON and no cookie is a success, not "Failed login"', async () => {
  rig = await startLoginRig({ login: { path: '/auth/token', tokenField: '/access_token' }, directory: LOGIN_DIRECTORY });
  const answer = await rig.send('/auth/token', { method: 'POST', ...jsonBody({ username: 'pat.admin', password: 'right' }) });
  expect(answer.status).toBe(200);
  expect(await rig.lastEntry()).toMatchObject({ verb: 'login', outcome: 'success', action: 'Logged in', member: 'Pat Admin', username: 'pat.admin' });
});

it('a 200 login that hands out no session at all is neither a success nor a failure', async () => {
  rig = await startLoginRig({ login: { path: '/auth/token' }, directory: LOGIN_DIRECTORY });
  await rig.send('/auth/token', { method: 'POST', ...jsonBody({ username: 'pat.admin', password: 'right' }) });
  expect(await rig.lastEntry()).toMatchObject({ verb: 'login', outcome: 'unknown', action: 'Tried to log in as pat.admin', member: 'Unknown' });
});

it('a success rule of the operator: 3xx only, a named session cookie, not redirected to /signin', async () => {
  // A portal that posts to /session, answers failures 200 with the form again, and marks success by its own cookie.
  const portal = await startRecordingUpstream((req, res) => {
    const { password, next } = JSON.parse(req.body.toString('utf8') || '{}');
    if (req.url === '/session' && password === 'right' && next === 'again') return void res.writeHead(303, { location: '/signin?retry=1', 'set-cookie': 'auth=abc; Path=/' }).end();
    if (req.url === '/session' && password === 'right') return void res.writeHead(303, { location: '/home', 'set-cookie': ['auth=xyz; Path=/', 'PHPSESSID=anon; Path=/'] }).end();
    if (req.url === '/session') return sendJson(res, 200, { form: 'try again' }, { 'set-cookie': 'PHPSESSID=anon2; Path=/' });
    return sendJson(res, 200, { ok: true });
  });
  try {
    const login = { path: '/session', success: { status: ['3xx' as const], cookie: 'auth', notRedirectTo: ['/signin'] } };
    rig = await startLoginRig({ login, directory: LOGIN_DIRECTORY }, { config: { portals: [{ listen: '127.0.0.1:0', target: portal.url, source: 'Office Portal' }] } });
    const attempt = async (body: Record<string, string>) => {
      await rig.send('/session', { method: 'POST', ...jsonBody({ username: 'pat.admin', ...body }) });
      return (await rig.lastEntry()).outcome;
    };
    expect(await attempt({ password: 'wrong' })).toBe('failure');
    expect(await attempt({ password: 'right', next: 'again' })).toBe('failure');
    expect(await attempt({ password: 'right' })).toBe('success');
    // Only the named cookie was learned: the anonymous PHP session names nobody.
    await rig.send('/api/x', { method: 'POST', headers: { cookie: 'PHPSESSID=anon' } });
    expect(await rig.lastEntry()).toMatchObject({ member: 'Unknown' });
    await rig.send('/api/x', { method: 'POST', headers: { cookie: 'auth=xyz' } });
    expect(await rig.lastEntry()).toMatchObject({ member: 'Pat Admin' });
  } finally {
    await portal.close();
  }
});
