import { watch } from 'node:fs';

/** How often a follower of a JSON log looks for appended lines when the file system tells it nothing (a network share). */
export const REFRESH_INTERVAL_MS = 30_000;

export interface WatchByRefreshOptions {
  /** The folder whose changes mean lines may have been appended (the log folder); unwatched when absent. */
  dir?: string;
  intervalMs?: number;
  onNotice?: ((message: string) => void) | undefined;
}

/**
 * Follows a log by calling `refresh()` whenever `dir` changes (fs.watch: files tell no one they grew,
 * but the kernel does), and every `intervalMs` as a backstop for file systems that send no events,
 * until `signal` aborts. One refresh at a time; changes seen during one bring one more; a failed one
 * is reported and the next tries again.
 */
export function watchByRefresh(
  store: { refresh(): Promise<number> },
  signal: AbortSignal,
  { dir, intervalMs = REFRESH_INTERVAL_MS, onNotice = (m: string) => console.warn(m) }: WatchByRefreshOptions = {},
): void {
  let running = false;
  let again = false;
  const tick = (): void => {
    if (signal.aborted) return;
    if (running) {
      again = true;
      return;
    }
    running = true;
    store
      .refresh()
      .catch((err: unknown) => onNotice(`Could not read what was appended to the log: ${(err as Error).message}`))
      .finally(() => {
        running = false;
        if (again) {
          again = false;
          tick();
        }
      });
  };
  if (dir !== undefined) {
    try {
      watch(dir, { signal, persistent: true }, tick).on('error', (err) => onNotice(`Stopped watching ${dir} (${err.message}); looking every ${intervalMs} ms instead`));
    } catch (err) {
      onNotice(`Cannot watch ${dir} (${(err as Error).message}); looking every ${intervalMs} ms instead`);
    }
  }
  const timer = setInterval(tick, intervalMs);
  signal.addEventListener('abort', () => clearInterval(timer), { once: true });
}
