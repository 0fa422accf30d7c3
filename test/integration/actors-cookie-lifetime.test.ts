import { afterEach, describe, expect, it } from 'vitest';
import { jsonBody } from '../helpers/capture-rig.ts';
import { cookieHeader, form, LOGIN_DIRECTORY, startLoginRig, type LoginPortalOptions, type LoginRig } from '../helpers/login-portal.ts';

// A session cookie's own Max-Age or Expires bounds how long the session learned from its login names the user,
// and an answer that clears the cookie ends it. The proxy's session clock is the test's, moved instead of waited on.
let rig: LoginRig;
afterEach(() => rig?.close());

const LOGIN_AT = Date.parse('2026-12-04T12:00:00Z');
let clock = LOGIN_AT;
const at = (seconds: number) => (clock = LOGIN_AT + seconds * 1000);
const login = { path: '/login', logoutPath: '/logout' };

async function start(portal: LoginPortalOptions, sessionHours = 24) {
  clock = LOGIN_AT;
  rig = await startLoginRig({ login: { ...login, sessionHours }, directory: LOGIN_DIRECTORY }, { portal, sessionClock: () => clock });
  const answer = await rig.send('/login', { method: 'POST', ...form({ username: 'pat.admin', password: 'right' }) });
  return { cookie: cookieHeader(answer.headers['set-cookie']).replace(/; lang=en$/, ''), setCookie: answer.headers['set-cookie'] ?? [] };
}

/** Who the log says changed a note with this cookie; the portal's answer is `status` (it has no clock of its own: 200 while it keeps the session). */
async function changedBy(cookie: string, id = '1', status = 200): Promise<string> {
  const answer = await rig.send(`/api/notes/${id}`, { method: 'PATCH', ...jsonBody({ status: 'done' }), headers: { 'content-type': 'application/json', cookie } });
  expect(answer.status).toBe(status);
  return (await rig.lastEntry()).member;
}

describe("a session cookie's own lifetime at login", () => {
  it.each<[string, () => LoginPortalOptions['sessionLife'], number]>([
    ['Max-Age=600', () => () => ({ maxAge: 600 }), 600],
    ['an Expires 10 minutes after the login', () => () => ({ expires: new Date(LOGIN_AT + 600_000) }), 600],
    ['Max-Age=600 beside a later Expires (Max-Age wins)', () => () => ({ maxAge: 600, expires: new Date(LOGIN_AT + 8 * 3_600_000) }), 600],
    ['Max-Age of two days, beyond sessionHours = 1', () => () => ({ maxAge: 48 * 3600 }), 3600],
  ])('%s: the cookie names the user while it lives, nobody after', async (_what, life, seconds) => {
    const { cookie, setCookie } = await start({ sessionLife: life() }, 1);
    expect(setCookie.join('\n')).toMatch(/Max-Age|Expires/);
    expect(await rig.lastEntry()).toMatchObject({ verb: 'login', outcome: 'success', member: 'Pat Admin' });
    at(seconds - 1);
    expect(await changedBy(cookie)).toBe('Pat Admin');
    at(seconds + 1);
    expect(await changedBy(cookie, '2')).toBe('Unknown');
  });

  it('a login whose session cookie is dead on arrival (Max-Age=0) set no live session: the login is unknown, the cookie names nobody', async () => {
    const { cookie } = await start({ sessionLife: () => ({ maxAge: 0 }) });
    expect(await rig.lastEntry()).toMatchObject({ verb: 'login', outcome: 'unknown', member: 'Unknown' });
    expect(await changedBy(cookie)).toBe('Unknown');
  });
});

describe('later answers', () => {
  it('an answer that clears the session cookie (Max-Age=0), on a path that is no logout, ends the session it carried', async () => {
    const { cookie } = await start({});
    expect(await changedBy(cookie)).toBe('Pat Admin');
    const changed = await rig.send('/account/password', { method: 'POST', ...jsonBody({ password: 'new' }), headers: { 'content-type': 'application/json', cookie } });
    expect(changed.headers['set-cookie']?.join('\n')).toMatch(/Max-Age=0/);
    expect(await rig.lastEntry()).toMatchObject({ path: '/account/password', member: 'Pat Admin' });
    // Replayed after the portal cleared it (and refuses it): whoever sends it is not known to be Pat.
    expect(await changedBy(cookie, '2', 401)).toBe('Unknown');
  });

  it('a page passed through unrecorded that clears the cookie (an Expires passed) ends the session too', async () => {
    const { cookie } = await start({});
    expect(await changedBy(cookie)).toBe('Pat Admin');
    const page = await rig.send('/session-ended', { headers: { cookie } });
    expect(page.headers['set-cookie']?.join('\n')).toMatch(/Expires=Thu, 01 Jan 1970/);
    expect((await rig.lastEntry()).path).toBe('/api/notes/1'); // the read itself is not logged
    expect(await changedBy(cookie, '2', 401)).toBe('Unknown');
  });

  it('a rolling session (the cookie re-sent with a fresh Max-Age by each answer) lives on while used and ends when left unused for its Max-Age', async () => {
    const { cookie } = await start({ sessionLife: () => ({ maxAge: 600 }), rolling: true }, 1);
    at(500);
    expect(await changedBy(cookie)).toBe('Pat Admin');
    at(1000); // past the login's own 600 s, within the 600 s the answer at 500 s gave
    expect(await changedBy(cookie)).toBe('Pat Admin');
    at(3500);
    expect(await changedBy(cookie)).toBe('Unknown'); // 1000 + 600 passed unused
  });

  it('a rolling session ends at sessionHours after its login however often it is renewed', async () => {
    const { cookie } = await start({ sessionLife: () => ({ maxAge: 600 }), rolling: true }, 1);
    for (const second of [500, 1000, 1500, 2000, 2500, 3000, 3500]) {
      at(second);
      expect(await changedBy(cookie)).toBe('Pat Admin');
    }
    at(3601);
    expect(await changedBy(cookie)).toBe('Unknown');
  });
});
