import type { IncomingHttpHeaders, OutgoingHttpHeaders } from 'node:http';

/** Per-connection headers that describe the upstream hop, not the answer; Node sets its own for the client. */
const HOP_BY_HOP = new Set(['connection', 'keep-alive', 'transfer-encoding', 'proxy-connection', 'upgrade', 'te', 'trailer']);

/** The portal's response headers as they are released to the client after capture. */
export function clientHeaders(headers: IncomingHttpHeaders): OutgoingHttpHeaders {
  const out: OutgoingHttpHeaders = {};
  for (const [name, value] of Object.entries(headers)) {
    if (value !== undefined && !HOP_BY_HOP.has(name)) out[name] = value;
  }
  return out;
}
