import http from 'node:http';
import https from 'node:https';
import type { Portal } from '../config/schema.ts';
import type { Flow, LookupKind } from '../capture/flow.ts';
import { createLookupHeaders } from './lookup-headers.ts';

export interface UpstreamFetchOptions {
  portal: Portal;
  /** Give up on a lookup after this many ms, so a slow portal delays a request only so much. Default 5000. */
  timeoutMs?: number;
  /** Largest answer read, in bytes. Default 1 MiB. */
  maxBytes?: number;
  /** PEM of a private CA for an HTTPS portal. Default: the system's CAs. */
  ca?: string | Buffer;
}

/**
 * GETs a JSON document from the portal with the acting client's own end-to-end headers (credentials, API
 * version, language: see lookup-headers.ts), so a lookup shows exactly what that user may see, in the shape
 * that client gets. Null when it cannot.
 */
export function createUpstreamFetch({ portal, timeoutMs = 5000, maxBytes = 1024 * 1024, ca }: UpstreamFetchOptions) {
  // One header filter per config: steps hand their flow's config, which is the same object for a listener's life.
  const filters = new WeakMap<Flow['ctx']['config'], ReturnType<typeof createLookupHeaders>>();
  return function fetchUpstream(path: string, flow: Flow, _kind?: LookupKind): Promise<{ status: number; body: unknown } | null> {
    // Appended to the target, never resolved against it: a path like //other.host/x must not leave the portal.
    const url = new URL(`${portal.target.replace(/\/+$/, '')}${path.startsWith('/') ? path : `/${path}`}`);
    const { config } = flow.ctx;
    let lookupHeaders = filters.get(config);
    if (!lookupHeaders) {
      lookupHeaders = createLookupHeaders(config);
      filters.set(config, lookupHeaders);
    }
    const headers: Record<string, string> = { ...lookupHeaders(flow.request.headers, flow.request.remoteAddress, flow.ctx.trust), accept: 'application/json' };
    const host = portal.host ?? flow.request.headers.host;
    if (host) headers.host = host;
    const client = url.protocol === 'https:' ? https : http;
    return new Promise((resolve) => {
      const req = client.get(url, { headers, timeout: timeoutMs, ...(ca ? { ca } : {}) }, (res) => {
        const chunks: Buffer[] = [];
        let size = 0;
        res.on('data', (chunk: Buffer) => {
          size += chunk.length;
          if (size > maxBytes) req.destroy();
          else chunks.push(chunk);
        });
        res.on('end', () => {
          let body: unknown = null;
          try {
            body = JSON.parse(Buffer.concat(chunks).toString('utf8'));
          } catch {
            body = null;
          }
          resolve({ status: res.statusCode ?? 0, body });
        });
        res.on('error', () => resolve(null));
        res.on('close', () => resolve(null));
      });
      req.on('timeout', () => req.destroy());
      req.on('error', () => resolve(null));
    });
  };
}
