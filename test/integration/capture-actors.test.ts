import { SignJWT } from 'jose';
import { afterEach, describe, expect, it } from 'vitest';
import { jsonBody, startCaptureRig, type CaptureRig } from '../helpers/capture-rig.ts';

let rig: CaptureRig;
afterEach(() => rig?.close());

const patch = (extra: Record<string, string> = {}) => ({ method: 'PATCH', body: JSON.stringify({ level: 'Elite' }), headers: { 'content-type': 'application/json', ...extra } });

async function login(username: string, password: string) {
  const answer = await rig.send('/login', { method: 'POST', ...jsonBody({ username, password }) });
  const setCookie = answer.headers['set-cookie'] ?? [];
  return { answer, cookie: setCookie.map((c) => c.split(';')[0]).join('; ') };
}

describe('actor step', () => {
  it('learns a session from a successful login, keeps it across a restart, and forgets it at logout', async () => {
    rig = await startCaptureRig();
    const { answer, cookie } = await login('pat.admin', 'right');
    expect(answer.status).toBe(200);
    const loginEntry = await rig.lastEntry();
    expect(loginEntry).toMatchObject({ verb: 'login', action: 'Logged in', outcome: 'success', member: 'Pat Admin', memberKind: 'staff', username: 'pat.admin', records: [] });

    await rig.send('/api/students/1', patch({ cookie }));
    expect(await rig.lastEntry()).toMatchObject({ member: 'Pat Admin', username: 'pat.admin', memberKind: 'staff' });

    await rig.restart();
    await rig.send('/api/students/1', patch({ cookie }));
    expect(await rig.lastEntry()).toMatchObject({ member: 'Pat Admin', username: 'pat.admin' });

    await rig.send('/logout', { method: 'POST', headers: { cookie } });
    expect(await rig.lastEntry()).toMatchObject({ verb: 'logout', action: 'Logged out', username: 'pat.admin' });
    await rig.send('/api/students/1', patch({ cookie }));
    expect(await rig.lastEntry()).toMatchObject({ member: 'Unknown', memberKind: 'unknown', username: null });
  });

  it('opening the login page is not a login; a logout link is a logout', async () => {
    rig = await startCaptureRig();
    const { cookie } = await login('pat.admin', 'right');
    expect((await rig.send('/login', { headers: { cookie } })).status).toBe(200);
    expect((await rig.entries()).map((e) => e.verb)).toEqual(['login']);
    await rig.send('/logout', { headers: { cookie } });
    expect(await rig.lastEntry()).toMatchObject({ verb: 'logout', method: 'GET', username: 'pat.admin' });
    expect((await rig.entries()).map((e) => e.verb)).toEqual(['login', 'logout']);
  });

  it('logs a failed login with the name tried, and learns nothing from it', async () => {
    rig = await startCaptureRig();
    const { answer } = await login('pat.admin', 'wrong');
    expect(answer.status).toBe(401);
    expect(await rig.lastEntry()).toMatchObject({ verb: 'login', outcome: 'failure', action: 'Failed login as pat.admin', member: 'Unknown' });
  });

  it('believes the gateway header only from a trusted proxy', async () => {
    rig = await startCaptureRig({ trustedProxies: ['127.0.0.1'], actors: { header: 'x-authenticated-user', directory: { 'pat.admin': { name: 'Pat Admin', kind: 'staff' } } } });
    await rig.send('/api/students/1', patch({ 'x-authenticated-user': 'pat.admin' }));
    expect(await rig.lastEntry()).toMatchObject({ member: 'Pat Admin', username: 'pat.admin' });
    await rig.send('/api/students/1', { ...patch({ 'x-authenticated-user': 'pat.admin' }), localAddress: '127.0.0.2' });
    expect(await rig.lastEntry()).toMatchObject({ member: 'Unknown', username: null });
  });

  it('reads JWT claims from a Bearer token and from the configured cookie, verifying the signature when a secret is set', async () => {
    const secret = 'test-secret-of-enough-length-123';
    rig = await startCaptureRig({ actors: { jwt: { cookie: 'token', secret }, directory: {} } });
    const sign = (key: string) => new SignJWT({ name: 'Lee Coach' }).setProtectedHeader({ alg: 'HS256' }).setSubject('lee.coach').sign(new TextEncoder().encode(key));
    await rig.send('/api/students/1', patch({ authorization: `Bearer ${await sign(secret)}` }));
    expect(await rig.lastEntry()).toMatchObject({ member: 'Lee Coach', username: 'lee.coach', memberKind: 'unknown' });
    await rig.send('/api/students/1', patch({ cookie: `theme=dark; token=${await sign(secret)}` }));
    expect(await rig.lastEntry()).toMatchObject({ member: 'Lee Coach', username: 'lee.coach' });
    await rig.send('/api/students/1', patch({ authorization: `Bearer ${await sign('another-secret-entirely-456789')}` }));
    expect(await rig.lastEntry()).toMatchObject({ member: 'Unknown', username: null });
  });

  it('takes the user of HTTP Basic, and leaves an unidentified client unknown', async () => {
    rig = await startCaptureRig({ actors: { basic: true, directory: { 'front.desk': { name: 'Front Desk', kind: 'staff' } } } });
    await rig.send('/api/students/1', patch({ authorization: `Basic ${Buffer.from('front.desk:hunter2').toString('base64')}` }));
    expect(await rig.lastEntry()).toMatchObject({ member: 'Front Desk', username: 'front.desk', memberKind: 'staff' });
    await rig.send('/api/students/1', patch());
    expect(await rig.lastEntry()).toMatchObject({ member: 'Unknown', memberKind: 'unknown', username: null });
  });
});
