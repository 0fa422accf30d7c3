/** How often a follower of a JSON log looks for lines another process appended. */
export const REFRESH_INTERVAL_MS = 500;

/**
 * Follows a log by calling `refresh()` every `intervalMs` until `signal` aborts: the JSON driver's way,
 * since files tell no one they grew. One refresh at a time; a failed one is reported and the next tries again.
 */
export function watchByRefresh(
  store: { refresh(): Promise<number> },
  signal: AbortSignal,
  { intervalMs = REFRESH_INTERVAL_MS, onNotice = (m: string) => console.warn(m) }: { intervalMs?: number; onNotice?: ((message: string) => void) | undefined } = {},
): void {
  let timer: NodeJS.Timeout | null = null;
  const next = () => {
    if (!signal.aborted) timer = setTimeout(tick, intervalMs);
  };
  const tick = () => {
    store.refresh().then(next, (err: unknown) => {
      onNotice(`Could not read what was appended to the log: ${(err as Error).message}`);
      next();
    });
  };
  signal.addEventListener('abort', () => timer && clearTimeout(timer), { once: true });
  next();
}
