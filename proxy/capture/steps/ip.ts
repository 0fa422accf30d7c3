import type { CaptureStep } from '../flow.ts';
import { createTrust } from '../trust.ts';

export interface IpStepOptions {
  /** IPs/CIDRs whose X-Forwarded-For is believed. Default: none, so the socket peer is the client. */
  trustedProxies?: string[];
}

/** Adds `ip`: a client outside trustedProxies cannot change it by sending its own X-Forwarded-For. */
export function ipStep({ trustedProxies = [] }: IpStepOptions = {}): CaptureStep {
  const trust = createTrust({ trustedProxies });
  return {
    name: 'ip',
    request(flow) {
      flow.draft.ip = trust.clientAddress(flow.request.remoteAddress, flow.request.headers['x-forwarded-for']);
    },
  };
}
