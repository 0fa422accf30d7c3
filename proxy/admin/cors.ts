import type { MiddlewareHandler } from 'hono';
import { cors } from 'hono/cors';

/**
 * Only our browser extension calls this API from a page context, so only its origin (the config's
 * `admin.extensionOrigins`, by default the Chrome id pinned in shared/extension-identity.ts) gets
 * CORS headers. Web pages and other extensions get none, so a site or an add-on the admin happens
 * to run cannot read the log through their browser even if it guesses the URL; data still needs a
 * token on top of this.
 */
export function extensionCors(origins: readonly string[]): MiddlewareHandler {
  const allowed = new Set(origins);
  const granted = cors({
    origin: (origin) => (allowed.has(origin) ? origin : null),
    allowMethods: ['GET', 'POST', 'OPTIONS'],
    // The extension sends Authorization and a JSON body.
    allowHeaders: ['Authorization', 'Content-Type'],
    // The export's file name, for the extension's "Download CSV"; Retry-After, to say how long to wait.
    exposeHeaders: ['Content-Disposition', 'Retry-After'],
    maxAge: 600,
  });
  return async (c, next) => {
    if (allowed.has(c.req.header('origin') ?? '')) return granted(c, next);
    // hono's cors would still send its method, header and expose lists; a stranger gets no CORS header at all.
    if (c.req.method === 'OPTIONS') return c.body(null, 204, { Vary: 'Origin' });
    await next();
    // Answers differ per origin, so caches must key on it.
    c.header('Vary', 'Origin', { append: true });
  };
}
