import pg from 'pg';
import type { Entry } from '../../../shared/entry.ts';

/** The channel each commit that adds entries notifies, with its newest seq as the payload. */
export const ENTRIES_CHANNEL = 'portal_audit_entries';
/** How long a lost LISTEN connection waits before it connects again. */
const RECONNECT_MS = 1000;

export interface FollowerOptions {
  /** The entries from `from` on, in seq order; `entry` is null for a row that cannot be read (it is skipped). */
  read: (from: number) => AsyncIterable<{ seq: number; entry: Entry | null }>;
  /** Tells subscribers, in seq order. */
  tell: (entries: readonly Entry[]) => void;
  url: string;
  onNotice: (message: string) => void;
}

export interface Follower {
  /** Where telling starts: entries after `seq` (the head read at open). */
  start(seq: number): void;
  /** This process committed these: told at once when they follow what was told, else after the entries other writers committed between. */
  appended(entries: readonly Entry[]): Promise<void>;
  /** Tells what other writers committed since; resolves with how many entries were told. */
  refresh(): Promise<number>;
  /** LISTENs for other writers' commits until `signal` aborts or `close`. */
  watch(signal: AbortSignal): void;
  /** Stops watching and waits for a refresh in progress. */
  close(): Promise<void>;
}

/**
 * Tells subscribers every entry of a log several processes append to, in seq order and once each.
 * A search index takes entries in seq order only, so an entry of this process that lands after
 * another writer's must wait until that one is read and told. Reads, tells and catch-ups run one at a time.
 */
export function createFollower({ read, tell, url, onNotice }: FollowerOptions): Follower {
  let toldTo = 0;
  let queue: Promise<unknown> = Promise.resolve();
  let refreshQueued = false;
  const stop = new AbortController();

  function serial<T>(run: () => Promise<T>): Promise<T> {
    const done = queue.then(run);
    queue = done.catch(() => undefined);
    return done;
  }

  async function catchUp(): Promise<number> {
    const batch: Entry[] = [];
    for await (const { seq, entry } of read(toldTo + 1)) {
      toldTo = seq;
      if (entry) batch.push(entry);
      if (batch.length >= 1000) tell(batch.splice(0));
    }
    tell(batch);
    return batch.length;
  }

  function refresh(): Promise<number> {
    return serial(catchUp);
  }

  /** A notification or reconnect asks for a catch-up; one waiting is enough for any number of them. */
  function refreshSoon(): void {
    if (refreshQueued) return;
    refreshQueued = true;
    void serial(() => {
      refreshQueued = false;
      return catchUp();
    }).catch((err: unknown) => onNotice(`Could not read what another proxy appended to the log: ${(err as Error).message}`));
  }

  async function listen(signal: AbortSignal): Promise<void> {
    while (!signal.aborted) {
      const client = new pg.Client({ connectionString: url });
      const ended = new Promise<void>((resolve) => {
        client.on('error', (err) => onNotice(`The log's LISTEN connection failed: ${err.message}; connecting again`));
        client.on('end', () => resolve());
      });
      const abort = () => void client.end().catch(() => undefined);
      signal.addEventListener('abort', abort, { once: true });
      try {
        client.on('notification', (n) => {
          if (Number(n.payload) > toldTo) refreshSoon();
        });
        await client.connect();
        await client.query(`LISTEN ${ENTRIES_CHANNEL}`);
        // What was committed while nobody listened is read once now.
        refreshSoon();
        await ended;
      } catch (err) {
        if (!signal.aborted) onNotice(`Could not LISTEN for the log's new entries: ${(err as Error).message}; trying again`);
        await client.end().catch(() => undefined);
      } finally {
        signal.removeEventListener('abort', abort);
      }
      if (!signal.aborted) await new Promise((resolve) => setTimeout(resolve, RECONNECT_MS));
    }
  }

  return {
    start(seq) {
      toldTo = seq;
    },
    appended(entries) {
      return serial(async () => {
        const first = entries[0];
        const last = entries.at(-1);
        if (!first || !last || last.seq <= toldTo) return;
        if (first.seq === toldTo + 1) {
          toldTo = last.seq;
          tell(entries);
        } else await catchUp();
      }).catch((err: unknown) => onNotice(`Could not read what another proxy appended to the log: ${(err as Error).message}`));
    },
    refresh,
    watch(signal) {
      const both = AbortSignal.any([signal, stop.signal]);
      // listen reconnects after every failure it expects; anything else is told, not thrown at nobody.
      listen(both).catch((err: unknown) => onNotice(`Stopped listening for the log's new entries: ${(err as Error).message}`));
    },
    async close() {
      stop.abort();
      await queue;
    },
  };
}
