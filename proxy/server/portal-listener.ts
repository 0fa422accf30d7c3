import http, { type IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import HttpProxy from 'http-proxy';
import { createPipeline, captureSteps } from '../capture/pipeline.ts';
import type { SessionBook } from '../capture/flow.ts';
import { createLoginPaths } from '../capture/login-paths.ts';
import { createRuleMatcher } from '../capture/route-match.ts';
import { createTrust } from '../capture/trust.ts';
import { MUTATING_METHODS, type Config, type Portal } from '../config/schema.ts';
import type { Store } from '../store/store.ts';
import { sendJsonError } from './json-error.ts';
import { closeServer, listenOn } from './listen-address.ts';
import { createRecordedHandler, type ForwardHooks } from './recorded-request.ts';
import { createUpstreamFetch } from './upstream-fetch.ts';

export interface PortalListenerOptions {
  config: Config;
  /** The portal face this listener stands in front of. Required. */
  portal: Portal;
  store: Store;
  sessions: SessionBook;
}

export interface PortalListener {
  source: string;
  /** Where clients reach the portal through the proxy, e.g. http://127.0.0.1:8081. */
  url: string;
  close(): Promise<void>;
}

const FORWARDED = ['x-forwarded-for', 'x-forwarded-proto', 'x-forwarded-port', 'x-forwarded-host'];

/**
 * One portal face: proxies everything to the portal, records mutations, logins/logouts and the reads
 * that `recordReads` names. Everything else (reads, WebSockets, event streams, downloads) is piped
 * through untouched and unbuffered.
 */
export async function startPortalListener({ config, portal, store, sessions }: PortalListenerOptions): Promise<PortalListener> {
  const trust = createTrust({ trustedProxies: config.trustedProxies });
  const matchRead = createRuleMatcher({ rules: config.recordReads, defaultMethods: ['GET', 'HEAD'] });
  const loginPaths = createLoginPaths(config.actors.login);
  const proxyOptions: HttpProxy.ServerOptions = {
    target: portal.target,
    changeOrigin: false,
    xfwd: true,
    ...(portal.host ? { headers: { host: portal.host } } : {}),
  };
  const proxy = HttpProxy.createProxyServer({});
  const hooks = new WeakMap<IncomingMessage, ForwardHooks>();
  proxy.on('proxyRes', (proxyRes, req) => hooks.get(req)?.onResponse(proxyRes));
  // http-proxy reports a client that hung up mid-request here instead of to the callback.
  proxy.on('econnreset', (err, req) => hooks.get(req)?.onError(err));
  proxy.on('error', () => undefined);
  // A reader that hangs up (a closed event stream, a cancelled download) must not leave the portal
  // connection open. Recorded requests keep theirs: the portal's answer is still logged.
  proxy.on('proxyReq', (proxyReq, req, res) => {
    res.once('close', () => {
      if (!res.writableFinished && !hooks.has(req)) proxyReq.destroy();
    });
  });
  // Upgraded sockets leave the HTTP server's bookkeeping: pair them up so either side closing ends
  // both, and keep them so close() can end the rest.
  const tunnels = new Set<Duplex>();
  const track = (socket: Duplex) => {
    tunnels.add(socket);
    socket.once('close', () => tunnels.delete(socket));
  };
  proxy.on('proxyReqWs', (proxyReq, _req, socket) => {
    proxyReq.on('upgrade', (_res, proxySocket) => {
      track(proxySocket);
      socket.once('close', () => proxySocket.destroy());
      proxySocket.once('close', () => socket.destroy());
    });
  });

  const handleRecorded = createRecordedHandler({
    proxy,
    proxyOptions,
    hooks,
    store,
    pipeline: createPipeline({ steps: captureSteps({ config, defaultSource: portal.source }) }),
    ctx: { config, portal, sessions, fetchUpstream: createUpstreamFetch({ portal }) },
    limit: config.captureBodyLimit,
  });

  function isRecorded(req: IncomingMessage): boolean {
    const method = (req.method ?? 'GET').toUpperCase();
    const path = new URL(req.url ?? '/', 'http://portal').pathname;
    if ((MUTATING_METHODS as readonly string[]).includes(method)) return true;
    // A logout is often a plain link; opening the login page is not a login, so only its POST counts.
    if (loginPaths.logout(method, path)) return true;
    return matchRead(method, path) !== null;
  }

  /** Only a trusted proxy may tell the portal where a request came from; anyone else's claim is dropped. */
  function dropUntrustedForwarding(req: IncomingMessage): void {
    if (trust.isTrusted(req.socket.remoteAddress ?? '')) return;
    for (const name of FORWARDED) delete req.headers[name];
  }

  const server = http.createServer((req, res) => {
    dropUntrustedForwarding(req);
    if (isRecorded(req)) {
      handleRecorded(req, res).catch((err) => {
        console.error(`capture failed: ${(err as Error)?.message ?? err}`);
        sendJsonError(res, 500, 'The audit proxy failed on this request.');
      });
      return;
    }
    proxy.web(req, res, proxyOptions, () => sendJsonError(res, 502, 'The portal could not be reached.'));
  });
  server.on('upgrade', (req, socket, head) => {
    dropUntrustedForwarding(req);
    track(socket);
    proxy.ws(req, socket, head, proxyOptions, () => socket.destroy());
  });

  const url = await listenOn(server, portal.listen);
  return {
    source: portal.source,
    url,
    async close() {
      for (const socket of tunnels) socket.destroy();
      await closeServer(server);
      proxy.close();
    },
  };
}
