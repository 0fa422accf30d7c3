import { readFile } from 'node:fs/promises';
import { SignJWT } from 'jose';
import { afterEach, describe, expect, it } from 'vitest';
import { jsonBody } from '../helpers/capture-rig.ts';
import { filesUnder } from '../helpers/hostile-rig.ts';
import { cookieHeader, form, JWT_SECRET, LOGIN_DIRECTORY, startLoginRig, type LoginRig } from '../helpers/login-portal.ts';

// Each login style of issue 8 against one inline application: log in, change a note, log out, all
// through the proxy, and check what the log says about who did it.
let rig: LoginRig;
afterEach(() => rig?.close());

const directory = LOGIN_DIRECTORY;
const markDone = (headers: Record<string, string>) => ({ method: 'PATCH', ...jsonBody({ status: 'done' }), headers: { 'content-type': 'application/json', ...headers } });
const bearer = (token: string) => ({ authorization: `Bearer ${token}` });
/** Only the session cookie of a login's answer, so no other cookie can be what names the user. */
const sessionOnly = (cookie: string, name: string) =>
  cookie
    .split('; ')
    .filter((pair) => pair.startsWith(`${name}=`))
    .join('; ');

/** The change and its entry: named member, success, and the note's status before → after. */
async function changeNoteAs(headers: Record<string, string>, member: string, username: string, { id = '1' } = {}) {
  const answer = await rig.send(`/api/notes/${id}`, markDone(headers));
  expect(answer.status).toBe(200);
  const entry = await rig.lastEntry();
  expect(entry).toMatchObject({ member, username, memberKind: 'staff', outcome: 'success', verb: 'update' });
  expect(entry.records[0]).toMatchObject({ type: 'note', id, changes: [{ field: 'status', before: 'open', after: 'done' }] });
}

/** After logout the old credential names nobody, whatever the portal answers. */
async function expectForgotten(headers: Record<string, string>) {
  await rig.send('/api/notes/2', markDone(headers));
  expect(await rig.lastEntry()).toMatchObject({ member: 'Unknown', memberKind: 'unknown', username: null });
}

describe('cookie sessions', () => {
  it('express-session: a percent-encoded signed cookie (connect.sid=s%3A…) names the user until logout', async () => {
    rig = await startLoginRig({ login: { path: '/login', logoutPath: '/logout' }, directory });
    const answer = await rig.send('/login', { method: 'POST', ...form({ username: 'pat.admin', password: 'right' }) });
    expect(answer.status).toBe(302);
    const cookie = cookieHeader(answer.headers['set-cookie']);
    expect(cookie).toMatch(/^connect\.sid=s%3A/);
    expect(await rig.lastEntry()).toMatchObject({ verb: 'login', action: 'Logged in', outcome: 'success', member: 'Pat Admin', username: 'pat.admin' });

    await changeNoteAs({ cookie: sessionOnly(cookie, 'connect.sid') }, 'Pat Admin', 'pat.admin');

    await rig.send('/logout', { method: 'POST', headers: { cookie } });
    expect(await rig.lastEntry()).toMatchObject({ verb: 'logout', action: 'Logged out', outcome: 'success', member: 'Pat Admin', username: 'pat.admin' });
    await expectForgotten({ cookie });
  });

  it.each(['_myapp_session', 'sessionid'])('a Rails/Django-style session cookie (%s) names the user until logout', async (name) => {
    rig = await startLoginRig({ login: { path: '/login', logoutPath: '/logout' }, directory }, { portal: { sessionCookie: name } });
    const answer = await rig.send('/login', { method: 'POST', ...jsonBody({ username: 'bob.builder', password: 'right' }) });
    const cookie = cookieHeader(answer.headers['set-cookie']);
    expect(cookie.startsWith(`${name}=`)).toBe(true);
    expect(await rig.lastEntry()).toMatchObject({ verb: 'login', outcome: 'success', member: 'Bob Builder', username: 'bob.builder' });
    await changeNoteAs({ cookie: sessionOnly(cookie, name) }, 'Bob Builder', 'bob.builder');
    await rig.send('/logout', { method: 'POST', headers: { cookie } });
    expect(await rig.lastEntry()).toMatchObject({ verb: 'logout', username: 'bob.builder' });
    await expectForgotten({ cookie });
  });

  it('a session cookie the portal renews with each answer (Rails cookie store) keeps naming the user', async () => {
    rig = await startLoginRig({ login: { path: '/login', logoutPath: '/logout' }, directory }, { portal: { sessionCookie: '_myapp_session', rotate: true } });
    let cookie = cookieHeader((await rig.send('/login', { method: 'POST', ...form({ username: 'pat.admin', password: 'right' }) })).headers['set-cookie']);
    cookie = sessionOnly(cookie, '_myapp_session');
    for (const id of ['1', '2']) {
      const answer = await rig.send(`/api/notes/${id}`, markDone({ cookie }));
      expect(await rig.lastEntry()).toMatchObject({ member: 'Pat Admin', username: 'pat.admin', outcome: 'success' });
      const renewed = cookieHeader(answer.headers['set-cookie']);
      expect(renewed).not.toBe(cookie);
      cookie = renewed;
    }
    await rig.send('/logout', { method: 'POST', headers: { cookie } });
    expect(await rig.lastEntry()).toMatchObject({ verb: 'logout', username: 'pat.admin' });
    await expectForgotten({ cookie });
  });
});

describe('a bearer token in the JSON answer (tokenField)', () => {
  const actors = { login: { path: '/auth/token', tokenField: '/access_token', logoutPath: '/auth/logout', revoke: { path: '/auth/revoke' } }, directory };

  it('a 200 with a token and no cookie is a login; the token names the user until logout', async () => {
    rig = await startLoginRig(actors);
    const answer = await rig.send('/auth/token', { method: 'POST', ...form({ grant_type: 'password', username: 'pat.admin', password: 'right' }) });
    expect(answer.status).toBe(200);
    expect(answer.headers['set-cookie']).toBeUndefined();
    const token: string = answer.json().access_token;
    expect(await rig.lastEntry()).toMatchObject({ verb: 'login', action: 'Logged in', outcome: 'success', member: 'Pat Admin', username: 'pat.admin' });

    await changeNoteAs(bearer(token), 'Pat Admin', 'pat.admin');

    expect((await rig.send('/auth/logout', { method: 'POST', headers: bearer(token) })).status).toBe(204);
    expect(await rig.lastEntry()).toMatchObject({ verb: 'logout', outcome: 'success', member: 'Pat Admin', username: 'pat.admin' });
    await expectForgotten(bearer(token));
  });

  it('a revoke that posts the token in its body ends that session and names whose it was', async () => {
    rig = await startLoginRig(actors);
    const token: string = (await rig.send('/auth/token', { method: 'POST', ...jsonBody({ username: 'bob.builder', password: 'right' }) })).json().access_token;
    await changeNoteAs(bearer(token), 'Bob Builder', 'bob.builder');

    await rig.send('/auth/revoke', { method: 'POST', ...form({ token, token_type_hint: 'access_token' }) });
    expect(await rig.lastEntry()).toMatchObject({ verb: 'logout', outcome: 'success', member: 'Bob Builder', username: 'bob.builder' });
    await expectForgotten(bearer(token));
  });

  it('the token is kept hashed, never as written', async () => {
    rig = await startLoginRig(actors);
    const token: string = (await rig.send('/auth/token', { method: 'POST', ...jsonBody({ username: 'pat.admin', password: 'right' }) })).json().access_token;
    const sessions = await readFile(`${rig.dataDir}/sessions.json`, 'utf8');
    expect(sessions).toContain('pat.admin');
    expect(sessions).not.toContain(token);
  });

  it('a registry login at PUT /-/user/:name (status 201, token in JSON) and its token logout', async () => {
    rig = await startLoginRig({ login: { path: '/-/user/:name', method: 'PUT', usernameField: 'name', tokenField: '/token', logoutPath: '/-/user/token/:token' }, directory });
    const answer = await rig.send('/-/user/bob.builder', { method: 'PUT', ...jsonBody({ name: 'bob.builder', password: 'right', type: 'user' }) });
    expect(answer.status).toBe(201);
    const token: string = answer.json().token;
    expect(await rig.lastEntry()).toMatchObject({ verb: 'login', outcome: 'success', member: 'Bob Builder', username: 'bob.builder', path: '/-/user/bob.builder' });

    await changeNoteAs(bearer(token), 'Bob Builder', 'bob.builder');

    await rig.send(`/-/user/token/${token}`, { method: 'DELETE', headers: bearer(token) });
    expect(await rig.lastEntry()).toMatchObject({ verb: 'logout', outcome: 'success', username: 'bob.builder', path: '/-/user/token/[redacted]' });
    await expectForgotten(bearer(token));
    // The token in the logout's path is a secret like any other: nowhere in the data directory.
    expect((await filesUnder(rig.dataDir)).map((f) => f.text).join('\n')).not.toContain(token);
  });

  it('the token names the user only for its expires_in: after that the proxy names nobody for it', async () => {
    let now = Date.parse('2026-12-04T12:00:00Z');
    rig = await startLoginRig(actors, { portal: { tokenSeconds: 2 }, sessionClock: () => now });
    const token: string = (await rig.send('/auth/token', { method: 'POST', ...form({ username: 'pat.admin', password: 'right' }) })).json().access_token;
    now += 1_999;
    await changeNoteAs(bearer(token), 'Pat Admin', 'pat.admin');
    now += 2;
    await expectForgotten(bearer(token));
  });

  it('a wrong password at the token login is a failed login that names only the name tried', async () => {
    rig = await startLoginRig(actors);
    expect((await rig.send('/auth/token', { method: 'POST', ...jsonBody({ username: 'pat.admin', password: 'wrong' }) })).status).toBe(401);
    expect(await rig.lastEntry()).toMatchObject({ verb: 'login', outcome: 'failure', action: 'Failed login as pat.admin', member: 'Unknown' });
  });
});

describe('JWT, HTTP Basic and a gateway header', () => {
  it('JWT: the login hands out a signed token; the claims name the user, a forged token nobody', async () => {
    rig = await startLoginRig({ login: { path: '/jwt/login', tokenField: '/jwt', logoutPath: '/auth/logout' }, jwt: { secret: JWT_SECRET }, directory });
    const jwt: string = (await rig.send('/jwt/login', { method: 'POST', ...jsonBody({ username: 'pat.admin', password: 'right' }) })).json().jwt;
    expect(await rig.lastEntry()).toMatchObject({ verb: 'login', outcome: 'success', member: 'Pat Admin', username: 'pat.admin' });
    await changeNoteAs(bearer(jwt), 'Pat Admin', 'pat.admin');
    await rig.send('/auth/logout', { method: 'POST', headers: bearer(jwt) });
    expect(await rig.lastEntry()).toMatchObject({ verb: 'logout', username: 'pat.admin' });

    const forged = await new SignJWT({ name: 'Pat Admin' }).setProtectedHeader({ alg: 'HS256' }).setSubject('pat.admin').sign(new TextEncoder().encode('not-the-portal-secret-at-all-42'));
    await expectForgotten(bearer(forged));
  });

  it('HTTP Basic: the user part names the member; without it nobody', async () => {
    rig = await startLoginRig({ basic: true, directory });
    await changeNoteAs({ authorization: `Basic ${Buffer.from('bob.builder:right').toString('base64')}` }, 'Bob Builder', 'bob.builder');
    await expectForgotten({});
  });

  it('a gateway header names the user only when a trusted proxy sends it', async () => {
    rig = await startLoginRig({ header: 'x-authenticated-user', directory }, { config: { trustedProxies: ['127.0.0.1'] } });
    await changeNoteAs({ 'x-authenticated-user': 'pat.admin' }, 'Pat Admin', 'pat.admin');
    await rig.send('/api/notes/2', { ...markDone({ 'x-authenticated-user': 'pat.admin' }), localAddress: '127.0.0.2' });
    expect(await rig.lastEntry()).toMatchObject({ member: 'Unknown', username: null });
  });
});

describe('a mobile app (issue 8, finding 8)', () => {
  const config = { sources: [{ match: { userAgent: 'NotesApp/' }, source: 'Mobile App' }] };
  const app = { 'user-agent': 'NotesApp/2.4 (iPhone; iOS 17.4)' };
  const logins = [
    { path: '/login', logoutPath: '/logout' },
    { path: '/auth/token', tokenField: '/access_token', logoutPath: '/auth/logout' },
  ];

  it('a token login from the app names the member in the login entry and after', async () => {
    rig = await startLoginRig({ login: logins, directory }, { config });
    const token: string = (await rig.send('/auth/token', { method: 'POST', ...jsonBody({ username: 'pat.admin', password: 'right' }), headers: { ...app, 'content-type': 'application/json' } })).json()
      .access_token;
    expect(await rig.lastEntry()).toMatchObject({ source: 'Mobile App', verb: 'login', outcome: 'success', member: 'Pat Admin', username: 'pat.admin' });
    await changeNoteAs({ ...app, ...bearer(token) }, 'Pat Admin', 'pat.admin');
    expect((await rig.lastEntry()).source).toBe('Mobile App');
  });

  it('a cookie login from the app names the member too', async () => {
    rig = await startLoginRig({ login: logins, directory }, { config });
    const answer = await rig.send('/login', { method: 'POST', ...jsonBody({ username: 'bob.builder', password: 'right' }), headers: { ...app, 'content-type': 'application/json' } });
    expect(await rig.lastEntry()).toMatchObject({ source: 'Mobile App', verb: 'login', outcome: 'success', member: 'Bob Builder' });
    await changeNoteAs({ ...app, cookie: cookieHeader(answer.headers['set-cookie']) }, 'Bob Builder', 'bob.builder');
  });
});
