import type { IncomingMessage, ServerResponse } from 'node:http';
import type { z } from 'zod';
import { compilePathPattern, type PathMatcher } from '../../../shared/path-pattern.ts';
import { HttpError } from '../../http/http-error.ts';
import type { Principal } from './auth.ts';

/** A request as the demo's route handlers see it: query, params, caller and the body read once. */
export interface DemoRequest {
  raw: IncomingMessage;
  query: URLSearchParams;
  params: Record<string, string>;
  /** Parsed JSON or form fields; `undefined` when there was no body. */
  body: unknown;
  /** True when the body came from an HTML form, so the answer is a redirect rather than JSON. */
  fromForm: boolean;
  /** The signed-in caller, or null. */
  user: Principal | null;
}

export type Handler = (req: DemoRequest, res: ServerResponse) => void | Promise<void>;

interface Route {
  method: string;
  match: PathMatcher;
  handler: Handler;
}

/** Just enough of a router for the demo: `:params` in paths (the proxy's own path matcher), first match wins. */
export class Router {
  private routes: Route[] = [];

  on(method: string, path: string, handler: Handler): this {
    this.routes.push({ method, match: compilePathPattern(path, { caseSensitive: true }), handler });
    return this;
  }

  find(method: string, path: string): { handler: Handler; params: Record<string, string> } | 'wrong-method' | null {
    let pathMatched = false;
    for (const route of this.routes) {
      const params = route.match(path);
      if (!params) continue;
      pathMatched = true;
      if (route.method === method) return { handler: route.handler, params };
    }
    return pathMatched ? 'wrong-method' : null;
  }
}

const MAX_BODY = 1024 * 1024;

/** Reads a JSON or form-encoded body; anything else is a 415, as a strict portal would answer. */
export async function readBody(req: IncomingMessage): Promise<{ body: unknown; fromForm: boolean }> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > MAX_BODY) throw new HttpError(413, 'request body too large');
    chunks.push(chunk as Buffer);
  }
  const text = Buffer.concat(chunks).toString('utf8');
  const type = (req.headers['content-type'] ?? '').replace(/;.*$/s, '').trim().toLowerCase();
  if (!text) return { body: undefined, fromForm: type === 'application/x-www-form-urlencoded' };
  if (type === 'application/x-www-form-urlencoded') {
    return { body: Object.fromEntries(new URLSearchParams(text)), fromForm: true };
  }
  if (type === 'application/json' || type === '') {
    try {
      return { body: JSON.parse(text), fromForm: false };
    } catch {
      throw new HttpError(400, 'request body is not valid JSON');
    }
  }
  throw new HttpError(415, `unsupported content type ${type}`);
}

/** Validates a body with zod; the 400 names the first offending field, like a real portal's API. */
export function parseBody<S extends z.ZodType>(schema: S, body: unknown): z.infer<S> {
  const result = schema.safeParse(body ?? {});
  if (result.success) return result.data;
  const issue = result.error.issues[0];
  const field = issue?.path.join('.') || undefined;
  const message = issue?.message ?? 'invalid body';
  throw new HttpError(400, field ? `${field}: ${message}` : message, field);
}

export function sendJson(res: ServerResponse, status: number, data: unknown, headers: Record<string, string | string[]> = {}): void {
  const text = JSON.stringify(data);
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'content-length': Buffer.byteLength(text), ...headers });
  res.end(text);
}

export function sendHtml(res: ServerResponse, status: number, html: string, headers: Record<string, string | string[]> = {}): void {
  res.writeHead(status, { 'content-type': 'text/html; charset=utf-8', 'content-length': Buffer.byteLength(html), ...headers });
  res.end(html);
}

/** 303 so the browser follows a form POST with a GET. */
export function redirect(res: ServerResponse, location: string, headers: Record<string, string | string[]> = {}): void {
  res.writeHead(303, { location, 'content-length': 0, ...headers });
  res.end();
}

/** Parses a numeric id from the path; unknown ids are 404, not 400, as in most portals. */
export function idParam(req: DemoRequest, key = 'id'): number {
  const id = Number(req.params[key]);
  if (!Number.isInteger(id)) throw new HttpError(404, `no such record ${req.params[key]}`);
  return id;
}
