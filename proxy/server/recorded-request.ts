import type { IncomingMessage, ServerResponse } from 'node:http';
import type HttpProxy from 'http-proxy';
import { ulid } from 'ulid';
import type { EntryDraft } from '../../shared/entry.ts';
import { captureBody } from '../capture/body.ts';
import { replay } from '../capture/body-read.ts';
import type { CaptureContext, Flow } from '../capture/flow.ts';
import type { Pipeline } from '../capture/pipeline.ts';
import type { Store } from '../store/store.ts';
import { sendJsonError } from './json-error.ts';
import { clientHeaders } from './response-headers.ts';

/** How the listener tells a recorded request what became of its forwarded copy. */
export interface ForwardHooks {
  onResponse(proxyRes: IncomingMessage): void;
  onError(err: Error): void;
}

export interface RecordedRequestOptions {
  proxy: HttpProxy;
  /** Options for each proxy.web call (target, xfwd, host). */
  proxyOptions: HttpProxy.ServerOptions;
  /** Where the listener finds a request's hooks when http-proxy reports on it. */
  hooks: WeakMap<IncomingMessage, ForwardHooks>;
  store: Store;
  pipeline: Pipeline;
  ctx: CaptureContext;
  /** Bytes of each body captured (config captureBodyLimit). */
  limit: number;
  /** Where failed appends are reported. Default console.error. */
  onStoreError?: (err: unknown) => void;
}

const UNAVAILABLE = 'The audit log cannot record this change right now, so it was not sent to the portal. Try again shortly.';

/**
 * One recorded request: capture the body, note the intent durably, forward, capture the answer, append
 * the entry durably, and only then release the answer to the client. Nothing reaches the portal
 * unless its intent is on disk, so every change that happened is in the log.
 */
export function createRecordedHandler({ proxy, proxyOptions, hooks, store, pipeline, ctx, limit, onStoreError = (err) => console.error(`audit append failed: ${(err as Error)?.message ?? err}`) }: RecordedRequestOptions) {
  async function append(draft: EntryDraft): Promise<void> {
    try {
      await store.append(draft);
    } catch (err) {
      // The intent is already on disk, so the store recovers this request as outcome unknown.
      onStoreError(err);
    }
  }

  return async function handleRecorded(req: IncomingMessage, res: ServerResponse): Promise<void> {
    if (!store.writable()) return sendJsonError(res, 503, UNAVAILABLE);
    const startedAt = new Date();
    const { body, read } = await captureBody(req, { limit });
    // A client that left before its body arrived sent nothing that reached the portal.
    if (read.aborted) return;
    const url = new URL(req.url ?? '/', 'http://portal');
    const flow: Flow = {
      requestId: ulid(),
      startedAt,
      record: true,
      request: {
        method: (req.method ?? 'GET').toUpperCase(),
        url: req.url ?? '/',
        path: url.pathname,
        query: Object.fromEntries(url.searchParams),
        headers: { ...req.headers },
        remoteAddress: req.socket.remoteAddress ?? '',
        body,
      },
      records: [],
      draft: {},
      ctx,
    };
    const intent = await pipeline.request(flow);
    try {
      await store.intend(intent);
    } catch {
      return sendJsonError(res, 503, UNAVAILABLE);
    }

    let settled = false;
    const settle = async (fn: () => Promise<void>) => {
      if (settled) return;
      settled = true;
      hooks.delete(req);
      await fn();
    };
    hooks.set(req, {
      onResponse: (proxyRes) =>
        void settle(async () => {
          const answer = await captureBody(proxyRes, { limit });
          flow.response = { status: proxyRes.statusCode ?? 0, headers: proxyRes.headers, body: answer.body };
          await append(await pipeline.response(flow));
          if (res.destroyed) {
            proxyRes.resume();
            return;
          }
          res.writeHead(proxyRes.statusCode ?? 502, proxyRes.statusMessage, clientHeaders(proxyRes.headers));
          // A large answer: the entry is written with what was seen, the rest streams on unbuffered.
          if (answer.read.ended) res.end(answer.read.head);
          else if (answer.read.aborted) res.end(answer.read.head, () => res.destroy());
          else replay(answer.read, proxyRes).pipe(res);
        }),
      onError: (err) =>
        void settle(async () => {
          flow.error = err;
          await append(await pipeline.response(flow));
          sendJsonError(res, 502, 'The portal could not be reached.');
        }),
    });
    proxy.web(req, res, { ...proxyOptions, buffer: replay(read, req), selfHandleResponse: true }, (err) => hooks.get(req)?.onError(err));
  };
}
