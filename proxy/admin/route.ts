import type { Context } from 'hono';
import type { Config } from '../config/schema.ts';
import type { Metrics } from '../metrics/metrics.ts';
import type { SearchEngine } from '../search/types.ts';
import type { Store } from '../store/store.ts';
import type { BoundSelfAudit, SelfAudit } from './audit-self.ts';
import type { Caller, Role } from './tokens.ts';

/** What every route may use; built once by createAdminApp. */
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

/** What the admin API's own middlewares put on the context for the routes (see app.ts). */
export interface AdminEnv {
  Variables: {
    /** The client's address (the socket's peer), for the failure limit and the self-audit entries. */
    ip: string;
    /** The token's owner; null only on public routes. */
    caller: Caller | null;
    /** The self-audit bound to this request and caller; routes call it before they release what was asked for. */
    audit: BoundSelfAudit;
  };
}

export type AdminContext = Context<AdminEnv>;

/** Authenticated routes get a caller; `public` routes (health) do not. */
export type Access = Role | 'public';

export interface Route {
  method: 'GET' | 'POST';
  /** Literal segments and `:name` segments, e.g. /api/records/:type/:id (hono's and path-to-regexp's syntax). */
  path: string;
  /** Lowest role allowed: `auditor` lets admins in too. */
  access: Access;
  handle(c: AdminContext, deps: AdminDeps): Promise<Response>;
}

/** A caller known to be authenticated: routes with access other than `public` use this. */
export function callerOf(c: AdminContext): Caller {
  const caller = c.get('caller');
  if (!caller) throw new Error(`route ${c.req.path} needs an authenticated caller`);
  return caller;
}

/** A `:name` segment of the route's path, decoded by hono. */
export function pathParam(c: AdminContext, name: string): string {
  const value = c.req.param(name);
  if (value === undefined) throw new Error(`route ${c.req.routePath} has no :${name}`);
  return value;
}

/** The query string as sent, repeated keys kept, for the zod parsers in params.ts. */
export function queryOf(c: AdminContext): URLSearchParams {
  return new URL(c.req.url).searchParams;
}
