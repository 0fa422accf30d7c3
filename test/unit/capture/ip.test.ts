import { describe, expect, it } from 'vitest';
import { ipStep } from '../../../proxy/capture/steps/ip.ts';
import { fakeFlow } from '../../helpers/fake-flow.ts';

function ipOf(remoteAddress: string, xff: string | undefined, trustedProxies: string[] = []): string | undefined {
  const flow = fakeFlow({ remoteAddress, headers: xff === undefined ? {} : { 'x-forwarded-for': xff }, config: { trustedProxies } });
  expect(ipStep().request!(flow), 'the step decides synchronously').toBeUndefined();
  return flow.draft.ip;
}

describe('ip step', () => {
  it('is the socket peer when no proxy is trusted, whatever X-Forwarded-For claims', () => {
    expect(ipOf('203.0.113.9', undefined)).toBe('203.0.113.9');
    expect(ipOf('203.0.113.9', '10.1.1.1')).toBe('203.0.113.9');
  });

  it('ignores X-Forwarded-For from a peer outside trustedProxies', () => {
    expect(ipOf('203.0.113.9', '10.1.1.1', ['10.0.0.0/8'])).toBe('203.0.113.9');
  });

  it('behind trusted proxies takes the right-most untrusted X-Forwarded-For address', () => {
    // The client may prepend anything; only what the trusted hops appended counts.
    expect(ipOf('10.0.0.2', '1.2.3.4, 198.51.100.7, 10.0.0.5', ['10.0.0.0/8'])).toBe('198.51.100.7');
  });

  it('falls back to the trusted peer when X-Forwarded-For is missing', () => {
    expect(ipOf('10.0.0.2', undefined, ['10.0.0.0/8'])).toBe('10.0.0.2');
  });

  it('shows IPv6-mapped IPv4 addresses in plain form and trusts them by their IPv4 form', () => {
    expect(ipOf('::ffff:203.0.113.9', undefined)).toBe('203.0.113.9');
    expect(ipOf('::ffff:10.0.0.2', '198.51.100.7', ['10.0.0.0/8'])).toBe('198.51.100.7');
    expect(ipOf('10.0.0.2', '::ffff:198.51.100.7', ['10.0.0.0/8'])).toBe('198.51.100.7');
  });

  it('keeps real IPv6 addresses as they are', () => {
    expect(ipOf('2001:db8::1', undefined)).toBe('2001:db8::1');
  });
});
