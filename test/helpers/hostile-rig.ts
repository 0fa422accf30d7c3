import { createHash } from 'node:crypto';
import { mkdtemp } from 'node:fs/promises';
import http, { type IncomingHttpHeaders, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Entry } from '../../shared/entry.ts';
import { startPortalAudit, type PortalAudit } from '../../proxy/app.ts';
import { parseConfig } from '../../proxy/config/load.ts';
import type { ConfigInput } from '../../proxy/config/schema.ts';

/** One request as the portal received it: the raw request target, a hash of the body bytes, every header. */
export interface CountedRequest {
  method: string;
  /** The request target exactly as it arrived on the wire (Node's req.url is not normalised). */
  rawPath: string;
  bodySha256: string;
  headers: IncomingHttpHeaders;
  body: Buffer;
}

export type CountingHandler = (req: CountedRequest, res: ServerResponse, raw: IncomingMessage) => void;

export const sha256 = (bytes: Buffer | string) => createHash('sha256').update(bytes).digest('hex');

/** A real portal on 127.0.0.1 that counts every request it receives and answers with `handler`. */
export async function startCountingUpstream(handler: CountingHandler = (_req, res) => void res.writeHead(200, { 'content-type': 'application/json' }).end('{"ok":true}')) {
  const received: CountedRequest[] = [];
  const server = http.createServer((raw, res) => {
    const chunks: Buffer[] = [];
    raw.on('data', (c: Buffer) => chunks.push(c));
    raw.on('end', () => {
      const body = Buffer.concat(chunks);
      const req = { method: raw.method ?? '', rawPath: raw.url ?? '', bodySha256: sha256(body), headers: raw.headers, body };
      received.push(req);
      handler(req, res, raw);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    received,
    server,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
export type CountingUpstream = Awaited<ReturnType<typeof startCountingUpstream>>;

export interface RawAnswer {
  status: number;
  headers: IncomingHttpHeaders;
  body: Buffer;
  json<T = any>(): T;
}

export interface RawSendOptions {
  method?: string;
  headers?: Record<string, string>;
  body?: string | Buffer;
  /** 127.0.0.2 is a second, untrusted client. Default 127.0.0.1. */
  localAddress?: string;
}

/**
 * Sends a request whose target is written as given (no URL parsing, so `//`, `..` and `%2e` survive).
 * Bytes above 0x7f in `target` are sent as single latin1 bytes.
 */
export function sendRaw(base: string, target: string, { method = 'GET', headers = {}, body, localAddress = '127.0.0.1' }: RawSendOptions = {}): Promise<RawAnswer> {
  const { hostname, port } = new URL(base);
  return new Promise((resolve, reject) => {
    const req = http.request({ host: hostname, port, method, path: target, headers, localAddress, agent: false }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('error', reject);
      res.on('end', () => {
        const all = Buffer.concat(chunks);
        resolve({ status: res.statusCode!, headers: res.headers, body: all, json: () => JSON.parse(all.toString('utf8')) });
      });
    });
    req.on('error', reject);
    req.end(body);
  });
}

/** Portal Audit (real listeners, real JSON store in a fresh temp dir) in front of `target`. */
export async function startAuditFor(target: string, overrides: Partial<ConfigInput> = {}) {
  const dataDir = overrides.dataDir ?? (await mkdtemp(join(tmpdir(), 'portal-audit-hostile-')));
  const config = parseConfig({
    portals: [{ listen: '127.0.0.1:0', target, source: 'Office Portal' }],
    admin: { listen: '127.0.0.1:0' },
    ...overrides,
    dataDir,
  });
  const audit: PortalAudit = await startPortalAudit({ config });
  return {
    audit,
    config,
    dataDir,
    url: audit.portals[0]!.url,
    async entries(): Promise<Entry[]> {
      const out: Entry[] = [];
      for await (const entry of audit.store.readSeq(1)) out.push(entry);
      return out;
    },
    /** GET on the admin API with the first start's admin token. */
    admin(path: string): Promise<RawAnswer> {
      return sendRaw(audit.admin.url, path, { headers: { authorization: `Bearer ${audit.admin.initialToken}` } });
    },
    close: () => audit.close(),
  };
}
