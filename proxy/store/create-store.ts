import type { EntryDraft } from '../../shared/entry.ts';
import { openTokenBook, type TokenBook } from '../admin/tokens.ts';
import type { SessionBook } from '../capture/flow.ts';
import { ConfigError } from '../config/load.ts';
import type { StoreDriver } from '../config/schema.ts';
import type { Signer } from './merkle/signing-key.ts';
import { createJsonStore } from './json/json-store.ts';
import { createSessionBook } from './json/session-book.ts';
import { createPostgresStore } from './postgres/postgres-store.ts';
import { openPostgresSharedState } from './postgres/shared-state.ts';
import type { ChainHead, Store } from './store.ts';
import { logDir } from './json/segment-files.ts';
import { watchByRefresh } from './watch.ts';

/** The environment variable that gives the postgres driver its URL when the config has none. */
export const DATABASE_URL_ENV = 'PORTAL_AUDIT_DATABASE_URL';

/** What every driver the factory builds can do beyond the Store interface. */
export interface DriverStore extends Store {
  /** Appends many entries in one batch, each with its own `at` (the seed's and migration's path). */
  appendBulk(drafts: readonly EntryDraft[]): Promise<ChainHead>;
  /** Followers (tail, read-only CLI): take in what another process appended since, tell subscribers; resolves with the count. */
  refresh(): Promise<number>;
  watch(signal: AbortSignal): void;
}

/** What every replica must agree on besides the log: who logged in with which credential, and who may call the admin API. */
export interface SharedState {
  sessions: SessionBook;
  tokens: TokenBook;
  close(): Promise<void>;
}

/** The part of the config the store needs. */
export interface StoreConfig {
  dataDir: string;
  /** Entries older than this many days are removed (JSON driver). Default: keep everything. */
  retentionDays?: number;
  /** Default `{ driver: "json" }`. */
  store?: StoreDriver;
}

export interface CreateStoreOptions {
  /** Read without writing, recovering or locking: for tail, verify and search beside a running proxy. Default false. */
  readOnly?: boolean;
  /** Told about repairs, recoveries and retention. Default console.warn. */
  onNotice?: (message: string) => void;
  /** Signs the checkpoints. Default: the data folder's own key (see proxy/store/merkle/signing-key.ts). */
  signer?: Signer;
  /** Where PORTAL_AUDIT_DATABASE_URL is looked up. Default process.env. */
  env?: NodeJS.ProcessEnv;
  /** The clock for entry ids, retention and checkpoint times. Default `() => new Date()`. */
  now?: () => Date;
  /** How often a read-only JSON store's `watch` looks for appends when the file system tells it nothing. Default REFRESH_INTERVAL_MS. */
  followIntervalMs?: number;
}

/**
 * The one place a store is built from config: every command and the proxy go through here, so a
 * driver is chosen once. The store is returned unopened; the caller opens and closes it.
 */
export function createStore(config: StoreConfig, { readOnly = false, onNotice, signer, env = process.env, now, followIntervalMs }: CreateStoreOptions = {}): DriverStore {
  const url = databaseUrl(config, env);
  if (url === null) {
    // Read-only stores never remove anything, so retention is only handed to a writer.
    const store = createJsonStore({ dataDir: config.dataDir, readOnly, onNotice, retentionDays: readOnly ? undefined : config.retentionDays, signer, now });
    const follow = { dir: logDir(config.dataDir), intervalMs: followIntervalMs, onNotice };
    return Object.assign(store, { watch: (signal: AbortSignal) => (readOnly ? watchByRefresh(store, signal, follow) : undefined) });
  }
  return createPostgresStore({ url, readOnly, onNotice, retentionDays: readOnly ? undefined : config.retentionDays, signer, dataDir: config.dataDir, now });
}

/**
 * Sessions and admin tokens from the same driver as the log: files beside a JSON log, tables beside a
 * PostgreSQL one, where every replica on that database shares them. The caller closes it.
 */
export async function openSharedState(
  config: StoreConfig,
  { onNotice, env = process.env, sessionClock }: Pick<CreateStoreOptions, 'onNotice' | 'env'> & { sessionClock?: () => number } = {},
): Promise<SharedState> {
  const url = databaseUrl(config, env);
  if (url !== null) return openPostgresSharedState(url, { onNotice, sessionClock });
  return { sessions: createSessionBook({ dataDir: config.dataDir, now: sessionClock }), tokens: await openTokenBook(config.dataDir), close: async () => undefined };
}

/** The postgres driver's URL, null for the JSON driver; a missing or malformed URL is a config error naming where it comes from. */
function databaseUrl(config: StoreConfig, env: NodeJS.ProcessEnv): string | null {
  if ((config.store?.driver ?? 'json') === 'json') return null;
  const url = config.store?.url ?? env[DATABASE_URL_ENV];
  if (!url) throw new ConfigError(`store.url: required for the postgres driver (or set ${DATABASE_URL_ENV})`);
  if (!/^postgres(ql)?:\/\/\S+$/.test(url)) throw new ConfigError(`${DATABASE_URL_ENV}: expected a postgres:// or postgresql:// URL`);
  return url;
}
