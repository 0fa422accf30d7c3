import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Config } from '../config/schema.ts';
import type { Metrics } from '../metrics/metrics.ts';
import type { SearchEngine } from '../search/types.ts';
import type { Store } from '../store/store.ts';
import type { SelfAudit } from './audit-self.ts';
import type { Caller, Role } from './tokens.ts';

/** What every route may use; built once by the server. */
export interface AdminDeps {
  config: Config;
  store: Store;
  engine: SearchEngine;
  audit: SelfAudit;
  /** Portal base URLs per source, for the extension's record links. */
  portals: Array<{ source: string; url: string }>;
  /** What `/metrics` renders; null when the server was started without it (it then answers 404). */
  metrics: Metrics | null;
}

export interface RouteContext {
  req: IncomingMessage;
  res: ServerResponse;
  url: URL;
  /** Decoded `:name` segments of the route's path. */
  params: Record<string, string>;
  /** The token's owner; null only on public routes. */
  caller: Caller | null;
  ip: string;
}

/** Authenticated routes get a caller; `public` routes (health) do not. */
export type Access = Role | 'public';

export interface Route {
  method: 'GET' | 'POST';
  /** Literal segments and `:name` segments, e.g. /api/records/:type/:id. */
  path: string;
  /** Lowest role allowed: `auditor` lets admins in too. */
  access: Access;
  handle(ctx: RouteContext, deps: AdminDeps): Promise<void>;
}

/** A caller known to be authenticated: routes with access other than `public` use this. */
export function callerOf(ctx: RouteContext): Caller {
  if (!ctx.caller) throw new Error(`route ${ctx.url.pathname} needs an authenticated caller`);
  return ctx.caller;
}

/** Matches a request path against a route path; returns the decoded params or null. */
export function matchPath(pattern: string, pathname: string): Record<string, string> | null {
  const want = pattern.split('/');
  const got = pathname.split('/');
  if (want.length !== got.length) return null;
  const params: Record<string, string> = {};
  for (let i = 0; i < want.length; i++) {
    const segment = want[i]!;
    if (segment.startsWith(':')) {
      if (!got[i]) return null;
      try {
        params[segment.slice(1)] = decodeURIComponent(got[i]!);
      } catch {
        return null;
      }
    } else if (segment !== got[i]) {
      return null;
    }
  }
  return params;
}
