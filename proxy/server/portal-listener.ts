import { readFileSync } from 'node:fs';
import http, { type IncomingMessage, type ServerResponse } from 'node:http';
import https from 'node:https';
import type { Duplex } from 'node:stream';
import HttpProxy from 'http-proxy';
import { forgetClearedSessions } from '../capture/cleared-sessions.ts';
import { actorsSessionCookieTest } from '../capture/credentials.ts';
import { parseTarget } from '../capture/path-normalise.ts';
import { createPipeline, captureSteps } from '../capture/pipeline.ts';
import type { SessionBook } from '../capture/flow.ts';
import { requestMethod } from '../capture/method-override.ts';
import { createRecordingPolicy } from '../capture/recording-policy.ts';
import { createTrust } from '../capture/trust.ts';
import type { Config, Portal } from '../config/schema.ts';
import type { Logger } from '../log/logger.ts';
import type { Metrics } from '../metrics/metrics.ts';
import type { Store } from '../store/store.ts';
import { createForwarder } from './forward.ts';
import { sendJsonError } from './json-error.ts';
import { listenOn } from './listen-address.ts';
import { createRecordedHandler, ShutdownError } from './recorded-request.ts';
import { clientHeaders } from './response-headers.ts';
import { createClaimStripper } from './untrusted-headers.ts';
import { createUpstreamFetch } from './upstream-fetch.ts';

export interface PortalListenerOptions {
  config: Config;
  /** The portal face this listener stands in front of. Required. */
  portal: Portal;
  store: Store;
  sessions: SessionBook;
  /** The clock that times sessions learned from logins, the one `sessions` keeps them by. Default `Date.now`. */
  sessionClock?: () => number;
  /** Counts answers, upstream failures, lookups and commit times. Default none. */
  metrics?: Metrics;
  /** Where failed captures and appends are reported. Default: the console. */
  logger?: Logger;
}

export interface CloseOptions {
  /** How long requests in flight may take to finish before they are cut short (each still answered and logged). Default 0. */
  graceMs?: number;
}

export interface PortalListener {
  source: string;
  /** Where clients reach the portal through the proxy, e.g. http://127.0.0.1:8081. */
  url: string;
  /** Reads the listener's `tls` files again and serves new connections with them (SIGHUP); a no-op without `tls`. */
  reloadTls(): void;
  /** Stops accepting, lets requests in flight finish within the grace, then ends every connection. */
  close(options?: CloseOptions): Promise<void>;
}

/**
 * One portal face: forwards everything to the portal with the request target untouched, records
 * mutations, logins/logouts and the reads that `recordReads` names. Everything else (reads, event
 * streams, downloads) is piped through unbuffered; WebSockets go through http-proxy.
 */
export async function startPortalListener({ config, portal, store, sessions, sessionClock, metrics, logger }: PortalListenerOptions): Promise<PortalListener> {
  const trust = createTrust({ trustedProxies: config.trustedProxies });
  const stripClaims = createClaimStripper({ actorHeader: config.actors.header });
  const policy = createRecordingPolicy(config);
  const isSessionCookie = actorsSessionCookieTest(config.actors);
  // Read once: a private CA for an HTTPS portal, used by forwarding and lookups alike.
  const ca = portal.ca ? readFileSync(portal.ca) : undefined;
  const forwarder = createForwarder({
    ca,
    target: portal.target,
    host: portal.host,
    ...config.upstream,
    onUpstreamError: (kind) => metrics?.upstreamFailed(portal.source, kind),
  });
  const wsProxy = HttpProxy.createProxyServer({ target: portal.target, xfwd: true, secure: true, ...(ca ? { ca } : {}), ...(portal.host ? { headers: { host: portal.host } } : {}) });
  wsProxy.on('error', () => undefined);
  // http-proxy collapses `//` in the path it builds; the request line is written at end(), so put the raw target back first.
  wsProxy.on('proxyReqWs', (proxyReq, req) => {
    proxyReq.path = forwarder.upstreamPath(req.url ?? '/');
  });
  // Upgraded sockets leave the HTTP server's bookkeeping: pair them up so either side closing ends
  // both, and keep them so close() can end the rest.
  const tunnels = new Set<Duplex>();
  const track = (socket: Duplex) => {
    tunnels.add(socket);
    socket.once('close', () => tunnels.delete(socket));
  };
  wsProxy.on('proxyReqWs', (proxyReq, _req, socket) => {
    proxyReq.on('upgrade', (_res, proxySocket) => {
      track(proxySocket);
      socket.once('close', () => proxySocket.destroy());
      proxySocket.once('close', () => socket.destroy());
    });
  });

  const fetchUpstream = createUpstreamFetch({ portal, ca });
  const lookups: typeof fetchUpstream = (path, flow, kind = 'snapshot') => (metrics ? metrics.lookup(kind, () => fetchUpstream(path, flow)) : fetchUpstream(path, flow));
  const recorded = createRecordedHandler({
    forwarder,
    store,
    pipeline: createPipeline({ steps: captureSteps({ config, defaultSource: portal.source, policy, sessionClock }) }),
    ctx: { config, portal, sessions, trust, fetchUpstream: lookups },
    limit: config.captureBodyLimit,
    appendHoldMs: config.appendHoldMs,
    metrics,
    ...(logger ? { onStoreError: (message: string) => logger.error({ source: portal.source }, message) } : {}),
  });

  /** A read nobody records: streamed both ways, the portal connection dropped when the reader hangs up. */
  async function passThrough(req: IncomingMessage, res: ServerResponse, signal: AbortSignal): Promise<void> {
    const exchange = forwarder.forward(req, req, req.url ?? '/');
    const stop = () => exchange.abort(new ShutdownError('stopping'));
    signal.addEventListener('abort', stop, { once: true });
    res.once('close', () => {
      if (!res.writableFinished) exchange.abort(new Error('the client hung up'));
    });
    try {
      const proxyRes = await exchange.response;
      exchange.answered();
      // Only logins teach sessions; one that failed to be forgotten is reported, the page still served.
      if (config.actors.login.length > 0) {
        await forgetClearedSessions(sessions, { request: req.headers, setCookie: proxyRes.headers['set-cookie'], isSessionCookie, now: (sessionClock ?? Date.now)() }).catch((err: unknown) =>
          report(`forgetting a session the portal cleared failed: ${(err as Error)?.message ?? String(err)}`),
        );
      }
      res.writeHead(proxyRes.statusCode ?? 502, proxyRes.statusMessage, clientHeaders(proxyRes.headers));
      // Event streams may say nothing for a while: the client sees the headers now.
      res.flushHeaders();
      proxyRes.once('error', () => res.destroy());
      proxyRes.once('aborted', () => res.destroy());
      await new Promise<void>((resolve) => {
        res.once('close', resolve);
        proxyRes.pipe(res);
      });
    } catch (err) {
      const timedOut = (err as NodeJS.ErrnoException).code === 'ETIMEDOUT';
      sendJsonError(res, timedOut ? 504 : 502, timedOut ? 'The portal did not answer in time.' : 'The portal could not be reached.');
    } finally {
      signal.removeEventListener('abort', stop);
    }
  }

  /** Requests being served, so a stop can wait for them and then cut the rest short. */
  const inFlight = new Map<AbortController, Promise<void>>();
  let stopping = false;

  function report(message: string): void {
    if (logger) logger.error({ source: portal.source }, message);
    else console.error(message);
  }

  function failed(res: ServerResponse, err: unknown): void {
    report(`capture failed: ${(err as Error)?.message ?? String(err)}`);
    sendJsonError(res, 500, 'The audit proxy failed on this request.');
  }

  async function serve(req: IncomingMessage, res: ServerResponse): Promise<void> {
    // Only a trusted proxy may tell the portal who the client is or where it came from.
    if (!trust.isTrusted(req.socket.remoteAddress ?? '')) stripClaims(req.headers);
    const target = parseTarget(req.url ?? '/');
    // The body is not read yet: a `_method` in it only counts on a POST, which is recorded anyway.
    const recordedRequest = policy.isRecorded(requestMethod((req.method ?? 'GET').toUpperCase(), { headers: req.headers, query: new URLSearchParams(target.rawQuery) }), target);
    // A path whose record cannot be told (see normalisePath) is not guessed at.
    if (target.ambiguity && (recordedRequest || config.recordReads.length > 0)) {
      return sendJsonError(res, 400, `Portal Audit refused this request: ${target.ambiguity}, so the audit log could not tell which record it concerns. Nothing was sent to the portal.`);
    }
    const controller = new AbortController();
    const done = (recordedRequest ? recorded.handle(req, res, target, controller.signal) : passThrough(req, res, controller.signal)).catch((err) => failed(res, err));
    inFlight.set(controller, done);
    await done;
    inFlight.delete(controller);
  }

  const tlsFiles = () => (portal.tls ? { cert: readFileSync(portal.tls.cert), key: readFileSync(portal.tls.key) } : null);
  const initialTls = tlsFiles();
  const handler = (req: IncomingMessage, res: ServerResponse) => {
    if (metrics) res.once('finish', () => metrics.answered(portal.source, res.statusCode));
    if (stopping) return sendJsonError(res, 503, 'Portal Audit is stopping; try again in a moment.');
    serve(req, res).catch((err) => failed(res, err));
  };
  const server = initialTls ? https.createServer(initialTls, handler) : http.createServer(handler);
  server.on('upgrade', (req, socket, head) => {
    // The HTTP server lets go of an upgraded socket's errors, and http-proxy listens for them only once the portal
    // has switched protocols: a client that resets before then must not take the process down.
    socket.on('error', () => socket.destroy());
    if (!trust.isTrusted(req.socket.remoteAddress ?? '')) stripClaims(req.headers);
    track(socket);
    wsProxy.ws(req, socket, head, {}, () => socket.destroy());
  });

  const url = await listenOn(server, portal.listen);
  return {
    source: portal.source,
    url,
    reloadTls() {
      const files = tlsFiles();
      if (files && server instanceof https.Server) server.setSecureContext(files);
    },
    async close({ graceMs = 0 } = {}) {
      stopping = true;
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      server.closeIdleConnections();
      if (inFlight.size > 0 && graceMs > 0) {
        let timer: NodeJS.Timeout | undefined;
        const grace = new Promise<void>((resolve) => (timer = setTimeout(resolve, graceMs)));
        await Promise.race([Promise.all(inFlight.values()), grace]);
        clearTimeout(timer);
      }
      // Past the grace: each request still in flight is cut short, answered and logged as such.
      for (const controller of inFlight.keys()) controller.abort(new ShutdownError('the grace period is over'));
      await Promise.all(inFlight.values());
      for (const socket of tunnels) socket.destroy();
      server.closeAllConnections();
      await closed;
      wsProxy.close();
    },
  };
}
