/**
 * Runs retention at open and then every `checkMs`, one run at a time. `prune` reports its own failures
 * and never rejects: recording matters more than removing, so a failed run keeps the log whole.
 */
export function createRetentionSchedule(prune: (days: number) => Promise<void>, { days, checkMs }: { days: number | undefined; checkMs: number }) {
  let running: Promise<void> = Promise.resolve();
  let timer: NodeJS.Timeout | null = null;
  let stopped = false;
  const run = (): Promise<void> => {
    running = running.then(() => (stopped || days === undefined ? undefined : prune(days)));
    return running;
  };
  return {
    /** The first run, awaited; then the timer. */
    async start(): Promise<void> {
      if (days === undefined) return;
      await run();
      // run never rejects: prune tells its own failures.
      // eslint-disable-next-line @typescript-eslint/no-floating-promises
      timer = setInterval(() => void run(), checkMs).unref();
    },
    /** Run now (after any run in progress). */
    run,
    /** Stops the timer and waits for a run in progress. */
    async stop(): Promise<void> {
      stopped = true;
      if (timer) clearInterval(timer);
      await running;
    },
  };
}
