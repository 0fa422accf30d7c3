import type { HttpBindings } from '@hono/node-server';
import { Hono, type MiddlewareHandler } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import { match } from 'path-to-regexp';
import type { ApiError } from '../../shared/api.ts';
import type { Config } from '../config/schema.ts';
import { HttpError } from '../http/http-error.ts';
import type { Metrics } from '../metrics/metrics.ts';
import { SearchParamError, type SearchEngine } from '../search/types.ts';
import type { Store } from '../store/store.ts';
import { bindSelfAudit, createSelfAudit } from './audit-self.ts';
import { requireRole } from './auth.ts';
import { extensionCors } from './cors.ts';
import { createFailureLimiter, DEFAULT_FAILURE_LIMITS, type FailureLimits } from './rate-limit.ts';
import { callerOf, type AdminContext, type AdminDeps, type AdminEnv } from './route.ts';
import { ROUTES } from './routes/index.ts';
import type { TokenBook } from './tokens.ts';
import { plainAddress } from '../capture/trust.ts';

export interface AdminAppOptions {
  /** Business timezone and dateOrder (facets, export times), the record rules (facets' link templates) and `admin.extensionOrigins` (CORS). Required. */
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

export interface AdminApp {
  /** The API as a fetch handler: served by @hono/node-server (server.ts), or called with `app.request()` in tests. */
  app: Hono<AdminEnv>;
  /** Logs the searches still waiting for their pause; call before the store closes. */
  close: () => Promise<void>;
}

/** Bodies the API accepts are small JSON documents; anything larger is refused before it is buffered. */
const MAX_BODY_BYTES = 64 * 1024;

/** The socket's peer, in the plain form the log shows. Without a socket (app.request) it is unknown. */
function clientAddress(c: AdminContext): string {
  return plainAddress((c.env as Partial<HttpBindings> | undefined)?.incoming?.socket.remoteAddress ?? 'unknown');
}

function errorResponse(c: AdminContext, error: HttpError): Response {
  const body: ApiError = error.param === undefined ? { error: error.message } : { error: error.message, param: error.param };
  return c.json(body, error.status as ContentfulStatusCode, error.headers);
}

/** Binds the self-audit to this request and its caller, so a route only says what the admin did. */
const selfAuditOf =
  (deps: AdminDeps): MiddlewareHandler<AdminEnv> =>
  async (c, next) => {
    const url = new URL(c.req.url);
    const facts = { method: c.req.method, path: url.pathname + url.search, userAgent: c.req.header('user-agent') ?? null };
    c.set('audit', bindSelfAudit(deps.audit, facts, callerOf(c), c.get('ip')));
    await next();
  };

/** Which methods the routes at this path take, for a 405's Allow; path-to-regexp reads the same `:name` paths as hono. */
const allowedAt = (pathname: string) => ROUTES.filter((r) => match(r.path, { decode: false })(pathname)).map((r) => r.method);

/**
 * The admin HTTP API the browser extension calls, on hono: CORS for our extension only, the token
 * and role check with its failure limit, a body limit, the self-audit, then the route. JSON in and out.
 */
export function createAdminApp(options: AdminAppOptions): AdminApp {
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
  const limitBody = bodyLimit({
    maxSize: MAX_BODY_BYTES,
    onError: () => {
      throw new HttpError(413, `the body is larger than ${MAX_BODY_BYTES} bytes`, 'body');
    },
  });

  const app = new Hono<AdminEnv>();
  app.use(extensionCors(options.config.admin.extensionOrigins));
  app.use(async (c, next) => {
    c.set('ip', clientAddress(c));
    c.set('caller', null);
    await next();
    // Audit data must not linger in shared or browser caches.
    c.header('Cache-Control', 'no-store');
  });
  for (const route of ROUTES) {
    const guards = route.access === 'public' ? [] : [requireRole(route.access, tokens, limiter), selfAuditOf(deps)];
    // Only routes that take a body get the limit: it reads the body stream, which a GET has no use for.
    const handlers: MiddlewareHandler<AdminEnv>[] = [...guards, ...(route.method === 'POST' ? [limitBody] : []), (c) => route.handle(c, deps)];
    // hono's typed overloads want each handler spelled out; the chain is built per route, so it goes in as a list.
    (app.on as (method: string, path: string, ...handlers: MiddlewareHandler<AdminEnv>[]) => unknown)(route.method, route.path, ...handlers);
  }
  app.notFound((c) => {
    const allow = [...new Set(allowedAt(c.req.path))].join(', ');
    if (!allow) return errorResponse(c, new HttpError(404, `no such endpoint: ${c.req.path}`));
    return errorResponse(c, new HttpError(405, `${c.req.method} is not allowed here; use ${allow}`, undefined, { Allow: allow }));
  });
  app.onError((err, c) => {
    const known = err instanceof HttpError ? err : err instanceof SearchParamError ? new HttpError(400, `${err.param}: ${err.message}`, err.param) : null;
    if (!known) onError(err);
    return errorResponse(c, known ?? new HttpError(500, 'internal error'));
  });
  return { app, close: () => deps.audit.close() };
}
