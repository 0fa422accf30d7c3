import { describe, expect, it } from 'vitest';
import { createClaimStripper } from '../../../proxy/server/untrusted-headers.ts';

describe('createClaimStripper', () => {
  it('removes identity and forwarding claims and the actor header, keeping every other header', () => {
    const headers = {
      host: 'portal',
      cookie: 'sid=1',
      'content-type': 'application/json',
      'x-authenticated-user': 'pat.admin',
      forwarded: 'for=1.2.3.4',
      'x-real-ip': '1.2.3.4',
      'true-client-ip': '1.2.3.4',
      'x-client-ip': '1.2.3.4',
      'cf-connecting-ip': '1.2.3.4',
      'fastly-client-ip': '1.2.3.4',
      'x-cluster-client-ip': '1.2.3.4',
      'x-original-forwarded-for': '1.2.3.4',
      'x-forwarded-for': '1.2.3.4',
      'x-forwarded-anything': 'x',
      'x-original-url': '/admin',
      'x-rewrite-url': '/admin',
      'x-request-id': 'keep',
    };
    createClaimStripper({ actorHeader: 'X-Authenticated-User' })(headers);
    expect(headers).toEqual({ host: 'portal', cookie: 'sid=1', 'content-type': 'application/json', 'x-request-id': 'keep' });
  });

  it('without an actor header leaves a header of that kind alone', () => {
    const headers = { 'x-authenticated-user': 'pat.admin' };
    createClaimStripper()(headers);
    expect(headers).toEqual({ 'x-authenticated-user': 'pat.admin' });
  });
});
