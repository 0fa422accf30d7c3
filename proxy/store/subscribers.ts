import type { Entry } from '../../shared/entry.ts';

/** The store's subscribers: each is told every durable entry in order; one that throws is reported and never stops the others. */
export function createSubscribers(onNotice: (message: string) => void) {
  const listeners = new Set<(entry: Entry) => void>();
  return {
    subscribe: (listener: (entry: Entry) => void): (() => void) => {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    tell: (entries: readonly Entry[]): void => {
      for (const entry of entries)
        for (const listener of listeners) {
          try {
            listener(entry);
          } catch (err) {
            onNotice(`A store subscriber failed: ${(err as Error).message}`);
          }
        }
    },
  };
}
