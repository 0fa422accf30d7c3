import { useEffect, useRef, useState } from 'preact/hooks';
import { failureMessage } from '../api/client.ts';

export interface LatestRequest<T> {
  /** The answer to the latest request; null before it comes, and after a failure. */
  data: T | null;
  error: string | null;
  loading: boolean;
}

interface Options<T> {
  /** What is shown (answer or error) stays, marked loading, until the next request settles, instead of clearing when it starts. */
  keep?: boolean;
  /** The first request starts at once; each later one after this many ms, so one replaced sooner is never sent. */
  debounceMs?: number;
  /** Hears each answer that is shown (never one of a replaced request). */
  onAnswer?: (answer: T) => void;
}

const NOTHING = { data: null, error: null, loading: false };

/**
 * Runs `request` whenever `deps` change (none while it is null), with its loading and error state. A new request
 * aborts the one before it, and whatever an aborted request answers or fails with is dropped: an answer that
 * comes late, for what the admin looked at before, never shows.
 */
export function useLatestRequest<T>(request: ((signal: AbortSignal) => Promise<T>) | null, deps: readonly unknown[], { keep = false, debounceMs = 0, onAnswer }: Options<T> = {}): LatestRequest<T> {
  const [state, setState] = useState<LatestRequest<T>>(NOTHING);
  const started = useRef(false);
  // The request and listener of the render the deps changed in, read when the effect runs.
  const latest = useRef({ request, onAnswer });
  latest.current = { request, onAnswer };

  useEffect(() => {
    const run = latest.current.request;
    if (!run) {
      setState((shown) => (shown === NOTHING ? shown : NOTHING));
      return;
    }
    const controller = new AbortController();
    setState((shown) => (keep ? { ...shown, loading: true } : { data: null, error: null, loading: true }));
    const timer = setTimeout(
      () => {
        run(controller.signal).then(
          (data) => {
            if (controller.signal.aborted) return;
            setState({ data, error: null, loading: false });
            latest.current.onAnswer?.(data);
          },
          (failure: unknown) => {
            if (controller.signal.aborted) return;
            setState({ data: null, error: failureMessage(failure), loading: false });
          },
        );
      },
      started.current ? debounceMs : 0,
    );
    started.current = true;
    return () => {
      clearTimeout(timer);
      controller.abort();
    };
    // The caller's deps stand for the request (a new closure every render).
  }, deps);

  return state;
}
