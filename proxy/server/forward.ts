import http, { type ClientRequest, type IncomingMessage, type OutgoingHttpHeaders } from 'node:http';
import https from 'node:https';
import type { Readable } from 'node:stream';

export interface ForwarderOptions {
  /** The portal, e.g. http://127.0.0.1:3000; a path in it (http://host/app) goes before each request's own. Required. */
  target: string;
  /** Host header sent upstream. Default: the client's own. */
  host?: string;
  /** Give up when the portal has not accepted the connection after this many ms. Default 5000. */
  connectTimeoutMs?: number;
  /** Give up when the portal has not answered this many ms after the request was sent. Default 60000. */
  answerTimeoutMs?: number;
  /** PEM of a private CA an HTTPS portal's certificate must chain to. Default: the system's CAs (never unverified). */
  ca?: string | Buffer;
  /** Told when the portal fails an exchange: a timeout, or an error of its own (refused, reset, TLS). Not told of aborts by us. Default none. */
  onUpstreamError?: (kind: 'timeout' | 'error', err: Error) => void;
}

/** The portal took too long to accept the connection or to answer. */
export class UpstreamTimeoutError extends Error {
  override name = 'UpstreamTimeoutError';
  readonly code = 'ETIMEDOUT';
  constructor(
    readonly phase: 'connect' | 'answer',
    ms: number,
  ) {
    super(phase === 'connect' ? `the portal did not accept a connection within ${ms} ms` : `the portal did not answer within ${ms} ms`);
  }
}

/** One exchange with the portal. */
export interface Forwarded {
  /** The portal's answer, its body still to be read. Rejects when the portal cannot be reached, times out or the exchange is aborted. */
  response: Promise<IncomingMessage>;
  /** Stops the answer clock: the caller has what it waited for (headers, or a captured answer). */
  answered(): void;
  /** Ends the exchange with this error, also while the answer's body streams. */
  abort(err: Error): void;
  /** The error that ended the exchange, if one did. */
  error(): Error | undefined;
}

/** Headers about the client's hop to us, never passed on (RFC 9110 7.6.1). */
const HOP_BY_HOP = new Set(['connection', 'keep-alive', 'proxy-connection', 'te', 'trailer', 'transfer-encoding', 'upgrade']);

/** The client's headers for the portal: hop-by-hop ones dropped, X-Forwarded-* appended as http-proxy's xfwd did. */
function upstreamHeaders(req: IncomingMessage, host: string | undefined): OutgoingHttpHeaders {
  const listed = new Set(
    String(req.headers.connection ?? '')
      .toLowerCase()
      .split(',')
      .map((t) => t.trim()),
  );
  const out: OutgoingHttpHeaders = {};
  for (const [name, value] of Object.entries(req.headers)) {
    if (value !== undefined && !HOP_BY_HOP.has(name) && !listed.has(name)) out[name] = value;
  }
  const append = (name: string, value: string) => {
    const had = out[name];
    out[name] = had ? `${String(had)},${value}` : value;
  };
  append('x-forwarded-for', req.socket.remoteAddress ?? '');
  append('x-forwarded-port', /:(\d+)$/.exec(req.headers.host ?? '')?.[1] ?? '80');
  append('x-forwarded-proto', 'http');
  out['x-forwarded-host'] ??= req.headers.host ?? '';
  if (host) out.host = host;
  // One connection per request, as before: a reused connection the portal just closed would fail a change.
  out.connection = 'close';
  return out;
}

/**
 * Sends requests to the portal with the request target exactly as the client wrote it (http-proxy
 * would collapse `//`, and url.parse would rewrite backslashes), and bounds how long the portal may take.
 */
export function createForwarder({ target, host, connectTimeoutMs = 5_000, answerTimeoutMs = 60_000, onUpstreamError, ca }: ForwarderOptions) {
  const base = new URL(target);
  const prefix = base.pathname.replace(/\/+$/, '');
  const client = base.protocol === 'https:' ? https : http;

  /** The path sent upstream: the portal's own path prefix, then the client's raw target. */
  const upstreamPath = (rawTarget: string) => `${prefix}${rawTarget}`;

  function forward(req: IncomingMessage, body: Readable, rawTarget: string): Forwarded {
    let failure: Error | undefined;
    let answerTimer: NodeJS.Timeout | undefined;
    let upstream!: ClientRequest;
    const response = new Promise<IncomingMessage>((resolve, reject) => {
      upstream = client.request(
        {
          protocol: base.protocol,
          hostname: base.hostname,
          port: base.port,
          method: req.method,
          path: upstreamPath(rawTarget),
          headers: upstreamHeaders(req, host),
          agent: false,
          ...(ca ? { ca } : {}),
        },
        resolve,
      );
      upstream.once('error', (err) => {
        if (!failure) onUpstreamError?.('error', err);
        failure ??= err;
        clearTimeout(answerTimer);
        reject(failure);
      });
    });
    response.catch(() => undefined);
    const abort = (err: Error) => {
      if (!failure && err instanceof UpstreamTimeoutError) onUpstreamError?.('timeout', err);
      failure ??= err;
      clearTimeout(answerTimer);
      upstream.destroy(failure);
      // A destroyed request no longer reports on an answer already received: fail its body too.
      response.then(
        (res) => res.destroy(failure),
        () => undefined,
      );
    };
    upstream.once('socket', (socket) => {
      if (!socket.connecting) return;
      const timer = setTimeout(() => abort(new UpstreamTimeoutError('connect', connectTimeoutMs)), connectTimeoutMs);
      socket.once('connect', () => clearTimeout(timer));
      socket.once('close', () => clearTimeout(timer));
    });
    // The answer clock starts once the whole request is sent: a slow client is not the portal's fault.
    upstream.once('finish', () => {
      if (!failure) answerTimer = setTimeout(() => abort(new UpstreamTimeoutError('answer', answerTimeoutMs)), answerTimeoutMs);
    });
    body.once('error', (err) => abort(err));
    body.pipe(upstream);
    return {
      response,
      answered: () => clearTimeout(answerTimer),
      abort,
      error: () => failure,
    };
  }

  return { forward, upstreamPath };
}
export type Forwarder = ReturnType<typeof createForwarder>;
