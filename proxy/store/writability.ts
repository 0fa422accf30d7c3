import { StoreUnavailableError } from './errors.ts';
import type { StoreStatus } from './store.ts';

export interface WritabilityOptions {
  readOnly: boolean;
  /** Tried every `probeIntervalMs` while writes fail; it calls `recovered()` once writes go through again. */
  probe: () => void;
  probeIntervalMs: number;
}

/** Whether a store takes writes now and, if not, why: a failed write starts probing, and reads go on meanwhile. */
export function createWritability({ readOnly, probe, probeIntervalMs }: WritabilityOptions) {
  let isWritable = false;
  let closed = false;
  let lastError = 'the store is not open';
  let probeTimer: NodeJS.Timeout | null = null;
  const stopProbing = () => {
    if (probeTimer) clearInterval(probeTimer);
    probeTimer = null;
  };
  return {
    writable: () => isWritable && !closed,
    /** False until the store is open and once a write failed, until a probe succeeds. */
    ok: () => isWritable,
    closed: () => closed,
    lastError: () => lastError,
    status: (): StoreStatus => ({ writable: isWritable && !closed, reason: readOnly ? 'opened read-only' : closed ? 'the store is closed' : isWritable ? null : lastError }),
    /** Writes go through (the store opened, or a probe or a write succeeded). */
    recovered(): void {
      isWritable = true;
      stopProbing();
    },
    /** A write failed: reported as StoreUnavailableError (503 to clients) and probed until writes go through again. */
    failed(err: unknown): StoreUnavailableError {
      isWritable = false;
      lastError = (err as Error).message ?? String(err);
      probeTimer ??= setInterval(probe, probeIntervalMs).unref();
      return new StoreUnavailableError(`cannot write the audit log (${lastError})`, { cause: err });
    },
    /** Refuses a write when read-only or closed. */
    refuseUnlessOpen(): void {
      if (closed || readOnly) throw new StoreUnavailableError(readOnly ? 'the store is read-only' : 'the store is closed');
    },
    close(): void {
      closed = true;
      stopProbing();
    },
  };
}
