import { SignJWT } from 'jose';
import { describe, expect, it, vi } from 'vitest';
import { actorStep } from '../../../proxy/capture/steps/actor.ts';
import type { ConfigInput } from '../../../proxy/config/schema.ts';
import { fakeContext, fakeFlow, runSteps, type FakeContext, type FakeFlowOptions } from '../../helpers/fake-flow.ts';

const directory = { jsmith: { name: 'Jane Smith', kind: 'staff' as const } };

/** Runs the actor step as the pipeline builds it from config. */
async function actorOf(actors: ConfigInput['actors'], options: FakeFlowOptions & { trustedProxies?: string[] } = {}) {
  const ctx = options.ctx ?? fakeContext({ config: { actors, trustedProxies: options.trustedProxies ?? [] } });
  const flow = fakeFlow({ ...options, ctx });
  await runSteps(flow, [actorStep({ actors: ctx.config.actors })]);
  return flow;
}

const jwt = (claims: Record<string, string>, secret = 'right-secret') => new SignJWT(claims).setProtectedHeader({ alg: 'HS256' }).sign(new TextEncoder().encode(secret));
const basic = (userPass: string) => `Basic ${Buffer.from(userPass).toString('base64')}`;

describe('actor step: who is acting', () => {
  it('believes the gateway header only from a trusted peer', async () => {
    const actors = { header: 'X-Remote-User', directory };
    const trusted = await actorOf(actors, { remoteAddress: '10.0.0.2', trustedProxies: ['10.0.0.0/8'], headers: { 'x-remote-user': 'jsmith' } });
    expect(trusted.actor).toEqual({ member: 'Jane Smith', memberKind: 'staff', username: 'jsmith' });
    const spoofed = await actorOf(actors, { remoteAddress: '203.0.113.9', trustedProxies: ['10.0.0.0/8'], headers: { 'x-remote-user': 'jsmith' } });
    expect(spoofed.actor).toEqual({ member: 'Unknown', memberKind: 'unknown', username: null });
  });

  it('reads a JWT without verifying it when no secret is configured, naming by the name claim', async () => {
    const token = await jwt({ sub: 'mlee', name: 'Mary Lee' });
    const flow = await actorOf({ jwt: {} }, { headers: { authorization: `Bearer ${token}` } });
    expect(flow.actor).toEqual({ member: 'Mary Lee', memberKind: 'unknown', username: 'mlee' });
  });

  it('with a secret, names only the signer of a token that verifies', async () => {
    const actors = { jwt: { secret: 'right-secret', cookie: 'auth' }, directory };
    const good = await actorOf(actors, { headers: { cookie: `auth=${await jwt({ sub: 'jsmith' })}` } });
    expect(good.actor).toMatchObject({ member: 'Jane Smith', username: 'jsmith' });
    const forged = await actorOf(actors, { headers: { authorization: `Bearer ${await jwt({ sub: 'jsmith' }, 'wrong-secret')}` } });
    expect(forged.actor?.username).toBeNull();
  });

  it('takes the user part of HTTP Basic and never the password', async () => {
    const flow = await actorOf({ basic: true, directory }, { headers: { authorization: basic('jsmith:hunter2:x') } });
    expect(flow.actor).toEqual({ member: 'Jane Smith', memberKind: 'staff', username: 'jsmith' });
    const off = await actorOf({ basic: false }, { headers: { authorization: basic('jsmith:hunter2') } });
    expect(off.actor?.username).toBeNull();
  });

  it('is Unknown when nothing names anyone', async () => {
    const flow = await actorOf({ basic: true, jwt: {} }, { headers: { authorization: 'Bearer not-a-jwt' } });
    expect(flow.actor).toEqual({ member: 'Unknown', memberKind: 'unknown', username: null });
  });
});

describe('actor step: logins and logouts', () => {
  const actors = { login: { path: '/login', logoutPath: '/logout', sessionHours: 8 }, directory };
  const loginCtx = (): FakeContext => fakeContext({ config: { actors } });

  it('a successful login is verb login, learns its session cookies and names the member', async () => {
    const ctx = loginCtx();
    const flow = await actorOf(actors, {
      ctx,
      path: '/login',
      body: { username: ' jsmith ', password: 'pw' },
      response: { status: 302, headers: { 'set-cookie': ['sid=abc; HttpOnly', 'old=; Max-Age=0'] } },
    });
    expect(flow.draft.verb).toBe('login');
    expect(flow.actor).toEqual({ member: 'Jane Smith', memberKind: 'staff', username: 'jsmith' });
    expect([...ctx.sessions.table]).toEqual([['sid=abc', { username: 'jsmith', hours: 8 }]]);
    const next = await actorOf(actors, { ctx, method: 'PATCH', path: '/api/x', headers: { cookie: 'sid=abc' } });
    expect(next.actor?.member).toBe('Jane Smith');
  });

  it('a rejected login is a failure that keeps the attempted username and learns nothing', async () => {
    const ctx = loginCtx();
    const flow = await actorOf(actors, { ctx, path: '/login', body: { username: 'jsmith' }, response: { status: 401, headers: { 'set-cookie': 'sid=abc' } } });
    expect(flow.draft).toMatchObject({ verb: 'login', outcome: 'failure' });
    expect(flow.actor).toEqual({ member: 'Unknown', memberKind: 'unknown', username: 'jsmith' });
    expect(ctx.sessions.table.size).toBe(0);
  });

  it('a login with no answer has an unknown outcome; a GET of the login page is no login', async () => {
    const lost = await actorOf(actors, { path: '/login', body: { username: 'jsmith' } });
    expect(lost.draft.outcome).toBe('unknown');
    const page = await actorOf(actors, { method: 'GET', path: '/login', response: { status: 200 } });
    expect(page.draft.verb).toBeUndefined();
  });

  it('a successful logout forgets the session it came with', async () => {
    const ctx = loginCtx();
    await ctx.sessions.remember(['sid=abc'], 'jsmith', 8);
    const flow = await actorOf(actors, { ctx, path: '/logout', headers: { cookie: 'sid=abc' }, response: { status: 302 } });
    expect(flow.draft.verb).toBe('logout');
    expect(flow.actor?.username).toBe('jsmith');
    expect(ctx.sessions.table.size).toBe(0);
  });
});

describe('actor step: login styles from config', () => {
  it('a login path takes :params, and the username may come from the param', async () => {
    const actors = { login: { path: '/-/user/:name', method: 'PUT', usernameField: 'name', tokenField: '/token' }, directory };
    const ctx = fakeContext({ config: { actors } });
    const flow = await actorOf(actors, { ctx, method: 'PUT', path: '/-/user/jsmith', body: { password: 'pw' }, response: { status: 201, body: { ok: true, token: 't-1' } } });
    expect(flow.draft).toMatchObject({ verb: 'login', outcome: 'success' });
    expect(flow.actor).toMatchObject({ member: 'Jane Smith', username: 'jsmith' });
    expect([...ctx.sessions.table.keys()]).toEqual(['Bearer t-1']);
    const other = await actorOf(actors, { ctx, method: 'PUT', path: '/-/user/jsmith/extra', body: { name: 'jsmith' }, response: { status: 201 } });
    expect(other.draft.verb).toBeUndefined();
  });

  it('the username may sit deeper in the body, at a JSON pointer', async () => {
    const actors = { login: { path: '/users/sign_in', usernameField: '/user/email' } };
    const flow = await actorOf(actors, { path: '/users/sign_in', body: { user: { email: 'a@b.example' } }, response: { status: 302, headers: { location: '/', 'set-cookie': '_shop_session=x' } } });
    expect(flow.actor).toMatchObject({ username: 'a@b.example' });
  });

  it('a bad login config names the key', () => {
    expect(() => fakeContext({ config: { actors: { login: { path: '/login', tokenField: 'access_token' } } } })).toThrow(/actors\.login\.tokenField: expected a JSON pointer/);
    expect(() => fakeContext({ config: { actors: { login: [{ path: '/login' }, { path: 'token' }] } } })).toThrow(/actors\.login\[1\]\.path/);
    expect(() => fakeContext({ config: { actors: { login: { path: '/login', success: { status: ['4xx'] } } as never } } })).toThrow(/actors\.login\.success\.status\[0\]/);
  });
});

describe('actor step: sessions that change hands', () => {
  const actors = { login: { path: '/login', logoutPath: '/-/user/token/:token', revoke: { path: '/oauth/revoke' } }, directory };

  it('a session cookie renewed in an answer follows its user; a re-sent value, a failed answer or an unknown caller teach nothing', async () => {
    const ctx = fakeContext({ config: { actors } });
    await ctx.sessions.remember(['sid=old'], 'jsmith', 8);
    const renewed = await actorOf(actors, { ctx, method: 'PATCH', path: '/api/x', headers: { cookie: 'sid=old' }, response: { status: 200, headers: { 'set-cookie': 'sid=new' } } });
    expect(renewed.actor?.username).toBe('jsmith');
    expect(ctx.sessions.table.get('sid=new')).toEqual({ username: 'jsmith', hours: 8 });
    const follow = vi.spyOn(ctx.sessions, 'follow');
    await actorOf(actors, { ctx, method: 'PATCH', path: '/api/x', headers: { cookie: 'sid=new' }, response: { status: 200, headers: { 'set-cookie': 'sid=new' } } });
    expect(follow).not.toHaveBeenCalled();
    await actorOf(actors, { ctx, method: 'PATCH', path: '/api/x', headers: { cookie: 'sid=new' }, response: { status: 400, headers: { 'set-cookie': 'sid=bad' } } });
    await actorOf(actors, { ctx, method: 'PATCH', path: '/api/x', headers: { cookie: 'sid=stranger' }, response: { status: 200, headers: { 'set-cookie': 'sid=stolen' } } });
    expect([...ctx.sessions.table.keys()].sort()).toEqual(['sid=new', 'sid=old']);
  });

  it('a revoke names whose token ends, is a logout, and forgets the token only once the portal agreed', async () => {
    const ctx = fakeContext({ config: { actors } });
    await ctx.sessions.remember(['Bearer t-1'], 'jsmith', 8);
    const refused = await actorOf(actors, { ctx, path: '/oauth/revoke', body: { token: ' t-1 ' }, response: { status: 400 } });
    expect(refused.draft.verb).toBe('logout');
    expect(refused.actor).toMatchObject({ member: 'Jane Smith', username: 'jsmith' });
    expect(ctx.sessions.table.has('Bearer t-1')).toBe(true);
    await actorOf(actors, { ctx, path: '/oauth/revoke', body: { token: 't-1' }, response: { status: 200 } });
    expect(ctx.sessions.table.size).toBe(0);
    const stranger = await actorOf(actors, { ctx, path: '/oauth/revoke', body: { token: 't-9' }, response: { status: 200 } });
    expect(stranger.actor?.username).toBeNull();
    const plain = await actorOf(actors, { ctx, path: '/api/x', body: { token: 't-1' }, response: { status: 200 } });
    expect(plain.draft.verb).toBeUndefined();
  });

  it('a token in a logout path is a secret; a logout the portal refused forgets nothing', async () => {
    const ctx = fakeContext({ config: { actors } });
    await ctx.sessions.remember(['sid=abc'], 'jsmith', 8);
    const refused = await actorOf(actors, { ctx, method: 'DELETE', path: '/-/user/token/abc123', headers: { cookie: 'sid=abc' }, response: { status: 403 } });
    expect(refused.draft.verb).toBe('logout');
    expect(refused.secrets).toEqual(['abc123']);
    expect(ctx.sessions.table.size).toBe(1);
    const login = await actorOf(actors, { ctx, path: '/login', body: { username: 'jsmith' } });
    expect(login.secrets).toBeUndefined();
  });
});
