import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Config } from '../config/schema.ts';
import type { Metrics } from '../metrics/metrics.ts';
import { SearchParamError, type SearchEngine } from '../search/types.ts';
import type { Store } from '../store/store.ts';
import { createSelfAudit } from './audit-self.ts';
import { authenticate } from './auth.ts';
import { corsHeaders, preflightHeaders } from './cors.ts';
import { HttpError, peerAddress, sendError } from './http.ts';
import { createFailureLimiter, DEFAULT_FAILURE_LIMITS, type FailureLimits } from './rate-limit.ts';
import { matchPath, type AdminDeps, type Route } from './route.ts';
import { auditEvents } from './routes/audit-events.ts';
import { coverage } from './routes/coverage.ts';
import { entries } from './routes/entries.ts';
import { entry } from './routes/entry.ts';
import { exportEntries } from './routes/export.ts';
import { facets } from './routes/facets.ts';
import { health } from './routes/health.ts';
import { me } from './routes/me.ts';
import { metrics } from './routes/metrics.ts';
import { ready } from './routes/ready.ts';
import { recordHistory } from './routes/record-history.ts';
import { verify } from './routes/verify.ts';
import { checkpoint } from './routes/checkpoint.ts';
import { consistencyProof, inclusionProof } from './routes/proof.ts';
import type { TokenBook } from './tokens.ts';

const ROUTES: readonly Route[] = [health, me, entries, entry, recordHistory, facets, exportEntries, verify, auditEvents, coverage, metrics, ready, checkpoint, consistencyProof, inclusionProof];

export interface AdminServerOptions {
  /** Business timezone and dateOrder (facets, export times) and the record rules (facets' link templates). Required. */
  config: Config;
  /** Where the admins' own searches, exports and copies are appended, and what verify walks. Required. */
  store: Store;
  /** Answers searches, record histories, entry lookups and facets. Required. */
  engine: SearchEngine;
  /** Who may call: bearer tokens and their roles. Required. */
  tokens: TokenBook;
  /** Portal base URLs per source, handed to the extension for record links. Default none. */
  portals?: Array<{ source: string; url: string }>;
  /** How failed authentications from one address are slowed down and then refused. Default DEFAULT_FAILURE_LIMITS. */
  failureLimits?: FailureLimits;
  /** How long a search must stand unchanged to be logged as committed (see SelfAudit). Default 2000 ms. */
  searchCommitPauseMs?: number;
  /** What `/metrics` shows (see proxy/metrics/metrics.ts). Default none: `/metrics` answers 404. */
  metrics?: Metrics;
  /** Told about unexpected errors (the client only sees "internal error"). Default console.error. */
  onError?: (err: unknown) => void;
}

export interface AdminServer {
  server: Server;
  /** Listens on host:port (port 0 picks a free one) and resolves with the base URL, e.g. http://127.0.0.1:7070. */
  listen(hostPort: string): Promise<string>;
  close(): Promise<void>;
}

/** The admin HTTP API the browser extension calls: a small router over node:http, JSON in and out. */
export function createAdminServer(options: AdminServerOptions): AdminServer {
  const { tokens, onError = (err) => console.error('admin API error:', err) } = options;
  const deps: AdminDeps = {
    config: options.config,
    store: options.store,
    engine: options.engine,
    audit: createSelfAudit({ store: options.store, commitPauseMs: options.searchCommitPauseMs }),
    portals: options.portals ?? [],
    metrics: options.metrics ?? null,
  };
  const limiter = createFailureLimiter(options.failureLimits ?? DEFAULT_FAILURE_LIMITS);

  async function route(req: IncomingMessage, res: ServerResponse): Promise<void> {
    for (const [name, value] of Object.entries(corsHeaders(req))) res.setHeader(name, value);
    const url = new URL(req.url ?? '/', 'http://admin.invalid');
    if (req.method === 'OPTIONS') {
      res.writeHead(204, preflightHeaders(req));
      res.end();
      return;
    }
    const candidates = ROUTES.flatMap((r) => {
      const params = matchPath(r.path, url.pathname);
      return params ? [{ route: r, params }] : [];
    });
    if (!candidates.length) throw new HttpError(404, `no such endpoint: ${url.pathname}`);
    const found = candidates.find((c) => c.route.method === req.method);
    if (!found) {
      const allow = candidates.map((c) => c.route.method).join(', ');
      throw new HttpError(405, `${req.method} is not allowed here; use ${allow}`, undefined, { Allow: allow });
    }
    const ip = peerAddress(req);
    const caller = found.route.access === 'public' ? null : await authenticate(req, ip, found.route.access, tokens, limiter);
    await found.route.handle({ req, res, url, params: found.params, caller, ip }, deps);
  }

  const server = createServer((req, res) => {
    route(req, res).catch((err: unknown) => {
      const known =
        err instanceof HttpError ? err : err instanceof SearchParamError ? new HttpError(400, `${err.param}: ${err.message}`, err.param) : null;
      if (!known) onError(err);
      // Once a stream has started the status is sent; cutting the connection is the only honest signal left.
      if (res.headersSent) return void res.destroy();
      sendError(res, known ?? new HttpError(500, 'internal error'));
    });
  });

  return {
    server,
    listen(hostPort) {
      const at = hostPort.lastIndexOf(':');
      const host = hostPort.slice(0, at).replace(/^\[(.*)\]$/, '$1');
      return new Promise((resolve, reject) => {
        server.once('error', reject);
        server.listen(Number(hostPort.slice(at + 1)), host, () => {
          server.off('error', reject);
          const { port } = server.address() as AddressInfo;
          resolve(`http://${host.includes(':') ? `[${host}]` : host}:${port}`);
        });
      });
    },
    async close() {
      await new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      });
      // Searches still waiting for their pause are logged before the store closes.
      await deps.audit.close();
    },
  };
}
