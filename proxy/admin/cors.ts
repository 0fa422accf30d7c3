import type { IncomingMessage } from 'node:http';

/**
 * Only the browser extension calls this API from a page context. Web pages (any http/https origin)
 * get no CORS headers, so a site the admin happens to visit cannot read the log through their
 * browser even if it guesses the URL; data still needs a token on top of this.
 */
const EXTENSION_ORIGIN = /^(chrome-extension|moz-extension):\/\/[A-Za-z0-9-]+$/;

export function isExtensionOrigin(origin: string | undefined): origin is string {
  return origin !== undefined && EXTENSION_ORIGIN.test(origin);
}

/** Headers to add to every answer for this request; empty for other origins. */
export function corsHeaders(req: IncomingMessage): Record<string, string> {
  const origin = req.headers.origin;
  if (!isExtensionOrigin(origin)) return { Vary: 'Origin' };
  return {
    'Access-Control-Allow-Origin': origin,
    // Answers differ per origin, so caches must key on it.
    Vary: 'Origin',
    // The export's file name, for the extension's "Download CSV"; Retry-After, to say how long to wait.
    'Access-Control-Expose-Headers': 'Content-Disposition, Retry-After',
  };
}

/** Extra headers of a preflight answer: the extension sends Authorization and a JSON body. */
export function preflightHeaders(req: IncomingMessage): Record<string, string> {
  if (!isExtensionOrigin(req.headers.origin)) return {};
  return {
    'Access-Control-Allow-Methods': 'GET, POST, OPTIONS',
    'Access-Control-Allow-Headers': 'Authorization, Content-Type',
    'Access-Control-Max-Age': '600',
  };
}
