import { afterEach, describe, expect, it } from 'vitest';
import { jsonBody, startCaptureRig, type CaptureRig } from '../helpers/capture-rig.ts';

let rig: CaptureRig;
afterEach(() => rig?.close());

describe('ip step', () => {
  it('records the socket peer of a direct client', async () => {
    rig = await startCaptureRig();
    await rig.send('/api/students/1', { method: 'PATCH', ...jsonBody({ level: 'Intermediate' }), localAddress: '127.0.0.2' });
    expect((await rig.lastEntry()).ip).toBe('127.0.0.2');
  });

  it('believes X-Forwarded-For from a trusted proxy: the right-most untrusted address', async () => {
    rig = await startCaptureRig({ trustedProxies: ['127.0.0.1', '10.0.0.0/8'] });
    const { headers, body } = jsonBody({ level: 'Intermediate' });
    await rig.send('/api/students/1', { method: 'PATCH', body, headers: { ...headers, 'x-forwarded-for': '203.0.113.9, 198.51.100.4, 10.1.2.3' } });
    expect((await rig.lastEntry()).ip).toBe('198.51.100.4');
    // The portal sees the chain extended by the trusted peer.
    expect(rig.portal.received.at(-1)!.headers['x-forwarded-for']).toBe('203.0.113.9, 198.51.100.4, 10.1.2.3,127.0.0.1');
  });

  it('ignores a spoofed X-Forwarded-For from an untrusted peer, in the log and upstream', async () => {
    rig = await startCaptureRig({ trustedProxies: ['127.0.0.1'] });
    const { headers, body } = jsonBody({ level: 'Intermediate' });
    await rig.send('/api/students/1', { method: 'PATCH', body, localAddress: '127.0.0.2', headers: { ...headers, 'x-forwarded-for': '1.2.3.4' } });
    expect((await rig.lastEntry()).ip).toBe('127.0.0.2');
    const upstream = rig.portal.received.at(-1)!;
    expect(upstream.headers['x-forwarded-for']).toBe('127.0.0.2');
    expect(upstream.headers['x-forwarded-proto']).toBe('http');
  });
});

describe('source step and forwarding', () => {
  it('uses the listener default unless the first matching rule says otherwise', async () => {
    rig = await startCaptureRig({
      sources: [
        { match: { userAgent: 'GymApp' }, source: 'Mobile App' },
        { match: { pathPrefix: '/kiosk/checkin' }, source: 'Check-In Kiosk' },
        { match: { pathPrefix: '/kiosk' }, source: 'Some Kiosk' },
      ],
    });
    await rig.send('/api/students/1', { method: 'PATCH', ...jsonBody({ status: 'paused' }) });
    await rig.send('/api/students/1', { method: 'PATCH', ...jsonBody({ status: 'active' }), headers: { 'content-type': 'application/json', 'user-agent': 'GymApp/3.1 (iOS)' } });
    await rig.send('/kiosk/checkin/visits', { method: 'POST', ...jsonBody({ studentId: '1' }) });
    expect((await rig.entries()).map((e) => e.source)).toEqual(['Office Portal', 'Mobile App', 'Check-In Kiosk']);
  });

  it('keeps the original Host header upstream, or the configured one', async () => {
    rig = await startCaptureRig();
    await rig.send('/api/students/1', { method: 'PATCH', ...jsonBody({ status: 'x' }), headers: { host: 'office.example.test', 'content-type': 'application/json' } });
    expect(rig.portal.received.at(-1)!.headers.host).toBe('office.example.test');
    await rig.close();
    rig = await startCaptureRig((target) => ({ portals: [{ listen: '127.0.0.1:0', target, source: 'Office Portal', host: 'portal.internal' }] }));
    await rig.send('/api/students/1', { method: 'PATCH', ...jsonBody({ status: 'y' }) });
    expect(rig.portal.received.at(-1)!.headers.host).toBe('portal.internal');
  });
});
