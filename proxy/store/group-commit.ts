export interface GroupCommitOptions<T> {
  /** Writes and syncs a whole batch; a rejection fails every item of that batch. */
  flush: (items: T[]) => Promise<void>;
  /** Extra milliseconds to wait for more items before a flush. Default 0: items submitted in the same tick (and during a running flush) share one flush. */
  windowMs?: number;
}

export interface GroupCommit<T> {
  /** Resolves once the batch holding `item` is flushed. */
  submit(item: T): Promise<void>;
  /** Resolves once everything submitted so far is flushed (or failed). */
  drain(): Promise<void>;
}

/**
 * Group commit: an fsync costs milliseconds whether it covers one entry or a thousand, so callers
 * that arrive together share one write and one fsync. Only one flush runs at a time, which also
 * keeps the single writer's order.
 */
export function createGroupCommit<T>({ flush, windowMs = 0 }: GroupCommitOptions<T>): GroupCommit<T> {
  let queue: Array<{ item: T; resolve: () => void; reject: (err: unknown) => void }> = [];
  let running: Promise<void> | null = null;

  async function run(): Promise<void> {
    await new Promise((resolve) => (windowMs > 0 ? setTimeout(resolve, windowMs) : setImmediate(resolve)));
    while (queue.length > 0) {
      const batch = queue;
      queue = [];
      try {
        await flush(batch.map((b) => b.item));
        for (const b of batch) b.resolve();
      } catch (err) {
        for (const b of batch) b.reject(err);
      }
    }
    running = null;
  }

  return {
    submit(item) {
      const done = new Promise<void>((resolve, reject) => queue.push({ item, resolve, reject }));
      running ??= run();
      return done;
    },
    async drain() {
      while (running) await running;
    },
  };
}
