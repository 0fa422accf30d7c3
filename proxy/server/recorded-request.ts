import type { IncomingMessage, ServerResponse } from 'node:http';
import { setTimeout as sleep } from 'node:timers/promises';
import type { EntryDraft } from '../../shared/entry.ts';
import { captureBody, type CapturedStream } from '../capture/body.ts';
import { createIdFactory } from '../ids.ts';
import { replay } from '../capture/body-read.ts';
import type { CaptureContext, Flow } from '../capture/flow.ts';
import { overrideNote, requestMethod } from '../capture/method-override.ts';
import type { RequestTarget } from '../capture/path-normalise.ts';
import type { Pipeline } from '../capture/pipeline.ts';
import type { Metrics } from '../metrics/metrics.ts';
import type { Store } from '../store/store.ts';
import { UpstreamTimeoutError, type Forwarder } from './forward.ts';
import { sendJsonError } from './json-error.ts';
import { clientHeaders } from './response-headers.ts';

export interface RecordedRequestOptions {
  forwarder: Forwarder;
  store: Store;
  pipeline: Pipeline;
  ctx: CaptureContext;
  /** Bytes of each body captured (config captureBodyLimit). */
  limit: number;
  /** Waits between attempts to append an entry the store refused: `first`, doubling up to `max`. Default 50 → 2000 ms. */
  retryDelayMs?: { first: number; max: number };
  /** How long the portal's answer waits for its entry while the store refuses it (config appendHoldMs). Default 30000. */
  appendHoldMs?: number;
  /** Where a failed append is reported (once per entry, and again when it finally lands). Default console.error. */
  onStoreError?: (message: string) => void;
  /** Times each entry's commit (portal answer to durable entry). Default none. */
  metrics?: Metrics;
}

/** Why a request was cut short: the proxy is stopping and its grace period is over. */
export class ShutdownError extends Error {
  override name = 'ShutdownError';
}

const UNAVAILABLE = 'The audit log cannot record this change right now, so it was not sent to the portal. Try again shortly.';
const STOPPED = 'Portal Audit stopped before the portal answered; the change may or may not have been applied, and the audit log says so.';
const unrecordedYet = (status: number) =>
  `The portal answered ${status}, but Portal Audit cannot record the change yet, so the portal's answer is withheld. Do not repeat the change before checking it: it is recorded as soon as the audit log can write again.`;
const UNRECORDED = "Portal Audit stopped before it could record the portal's answer; the change is kept as an intent and logged at the next start.";

/**
 * One recorded request: capture the body, note the intent durably, forward, capture the answer, append
 * the entry durably, and only then release the answer to the client. Nothing reaches the portal
 * unless its intent is on disk, and no answer leaves before its entry is: an append the store refuses
 * is retried, the answer held meanwhile (at most `appendHoldMs`, then a 503 stands in for it), and new changes are
 * refused (see `accepting`) until it lands.
 */
export function createRecordedHandler({
  forwarder,
  store,
  pipeline,
  ctx,
  limit,
  retryDelayMs = { first: 50, max: 2000 },
  appendHoldMs = 30_000,
  onStoreError = (message) => console.error(message),
  metrics,
}: RecordedRequestOptions) {
  /** Entries the store refused, still being retried. */
  let held = 0;
  const requestId = createIdFactory();

  /**
   * Appends the entry, retrying while the store refuses it. The client waits at most `appendHoldMs` for it ('late');
   * the retries go on regardless, holding new changes back, until the entry lands or `signal` stops them ('stopped':
   * the intent stays on disk and becomes an entry at the next start).
   */
  async function commit(draft: EntryDraft, signal: AbortSignal): Promise<'appended' | 'stopped' | 'late'> {
    try {
      await store.append(draft);
      return 'appended';
    } catch (err) {
      onStoreError(`audit append failed, holding the answer and retrying: ${(err as Error)?.message ?? err}`);
    }
    const landed = retry(draft, signal).then((ok) => (ok ? ('appended' as const) : ('stopped' as const)));
    const bound = new AbortController();
    const late = sleep(appendHoldMs, 'late' as const, { signal: bound.signal }).catch(() => 'late' as const);
    try {
      return await Promise.race([landed, late]);
    } finally {
      bound.abort();
    }
  }

  /** Retries an append the store refused, backing off, until it lands (true) or `signal` stops it (false). */
  async function retry(draft: EntryDraft, signal: AbortSignal): Promise<boolean> {
    held++;
    let delay = retryDelayMs.first;
    try {
      for (;;) {
        try {
          await sleep(delay, undefined, { signal });
        } catch {
          return false;
        }
        delay = Math.min(delay * 2, retryDelayMs.max);
        try {
          await store.append(draft);
          onStoreError(`audit append succeeded after retrying (request ${draft.requestId})`);
          return true;
        } catch {
          // Still refused: reported once, when it first failed.
        }
      }
    } finally {
      held--;
    }
  }

  async function handle(req: IncomingMessage, res: ServerResponse, target: RequestTarget, signal: AbortSignal): Promise<void> {
    if (!accepting()) return sendJsonError(res, 503, UNAVAILABLE);
    const startedAt = new Date();
    const { body, read } = await captureBody(req, { limit });
    // A client that left before its body arrived sent nothing that reached the portal.
    if (read.aborted) return;
    const query = new URLSearchParams(target.rawQuery);
    // Steps see the method the portal is asked to act on; the note keeps the wire method.
    const method = requestMethod((req.method ?? 'GET').toUpperCase(), { headers: req.headers, query, body: body.value });
    const note = overrideNote(method);
    const flow: Flow = {
      requestId: requestId(Date.now()),
      startedAt,
      record: true,
      request: {
        method: method.method,
        url: req.url ?? '/',
        path: target.path ?? target.rawPath,
        ...(target.altPath ? { altPath: target.altPath } : {}),
        query: Object.fromEntries(query),
        headers: { ...req.headers },
        remoteAddress: req.socket.remoteAddress ?? '',
        body,
      },
      records: [],
      draft: note ? { notes: [note] } : {},
      ctx,
    };
    const intent = await pipeline.request(flow);
    try {
      await store.intend(intent);
    } catch {
      return sendJsonError(res, 503, UNAVAILABLE);
    }

    const exchange = forwarder.forward(req, replay(read, req), req.url ?? '/');
    const stop = () => exchange.abort(signal.reason instanceof Error ? signal.reason : new ShutdownError('stopping'));
    signal.addEventListener('abort', stop, { once: true });
    // A client that leaves mid-body leaves the portal a partial request: end it rather than wait.
    req.once('close', () => {
      if (!req.complete) exchange.abort(new Error('the client hung up before its request was sent'));
    });
    let answer: (CapturedStream & { res: IncomingMessage }) | null = null;
    try {
      const proxyRes = await exchange.response;
      answer = { ...(await captureBody(proxyRes, { limit })), res: proxyRes };
      const failed = exchange.error();
      if (failed) throw failed;
      exchange.answered();
      flow.response = { status: proxyRes.statusCode ?? 0, headers: proxyRes.headers, body: answer.body };
    } catch (err) {
      answer = null;
      flow.error = err as NodeJS.ErrnoException;
      // The client is told the portal failed it; the entry must not say otherwise.
      if (err instanceof UpstreamTimeoutError) flow.draft.outcome = 'failure';
    } finally {
      signal.removeEventListener('abort', stop);
    }

    const committed = metrics?.commitTimer();
    const outcome = await commit(await pipeline.response(flow), signal);
    if (outcome === 'appended') committed?.();
    else {
      // The portal's answer is not released without its entry: the client is told what the portal said instead.
      answer?.res.destroy();
      const status = flow.response?.status;
      return sendJsonError(res, 503, outcome === 'late' && status !== undefined ? unrecordedYet(status) : UNRECORDED);
    }
    if (!answer) {
      const err = flow.error;
      if (err instanceof UpstreamTimeoutError) return sendJsonError(res, 504, `The portal did not answer in time (${err.message}).`);
      if (err instanceof ShutdownError) return sendJsonError(res, 503, STOPPED);
      return sendJsonError(res, 502, 'The portal could not be reached.');
    }
    const { res: proxyRes, read: answerRead } = answer;
    if (res.destroyed) {
      proxyRes.resume();
      return;
    }
    res.writeHead(proxyRes.statusCode ?? 502, proxyRes.statusMessage, clientHeaders(proxyRes.headers));
    // A large answer: the entry is written with what was seen, the rest streams on unbuffered.
    if (answerRead.ended) res.end(answerRead.head);
    else if (answerRead.aborted) res.end(answerRead.head, () => res.destroy());
    else replay(answerRead, proxyRes).pipe(res);
  }

  /** Whether new changes may be forwarded: the log takes entries and no answer is waiting for its own. */
  function accepting(): boolean {
    return store.writable() && held === 0;
  }

  return { handle, accepting };
}
