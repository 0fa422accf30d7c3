import type { CaptureStep } from '../flow.ts';

/** Adds `ip`: a client outside trustedProxies (the context's one Trust) cannot change it by sending its own X-Forwarded-For. */
export function ipStep(): CaptureStep {
  return {
    name: 'ip',
    request(flow) {
      flow.draft.ip = flow.ctx.trust.clientAddress(flow.request.remoteAddress, flow.request.headers['x-forwarded-for']);
    },
  };
}
