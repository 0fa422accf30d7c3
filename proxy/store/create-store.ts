import type { EntryDraft } from '../../shared/entry.ts';
import { ConfigError } from '../config/load.ts';
import type { StoreDriver } from '../config/schema.ts';
import type { Signer } from './merkle/signing-key.ts';
import { createJsonStore } from './json/json-store.ts';
import { createPostgresStore } from './postgres/postgres-store.ts';
import type { ChainHead, Store } from './store.ts';

/** The environment variable that gives the postgres driver its URL when the config has none. */
export const DATABASE_URL_ENV = 'PORTAL_AUDIT_DATABASE_URL';

/** What every driver the factory builds can do beyond the Store interface. */
export interface DriverStore extends Store {
  /** Appends many entries in one batch, each with its own `at` (the seed's and migration's path). */
  appendBulk(drafts: readonly EntryDraft[]): Promise<ChainHead>;
  /** Followers (tail, read-only CLI): take in what another process appended since, tell subscribers; resolves with the count. */
  refresh(): Promise<number>;
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
}

/**
 * The one place a store is built from config: every command and the proxy go through here, so a
 * driver is chosen once. The store is returned unopened; the caller opens and closes it.
 */
export function createStore(config: StoreConfig, { readOnly = false, onNotice, signer, env = process.env, now }: CreateStoreOptions = {}): DriverStore {
  const driver = config.store?.driver ?? 'json';
  if (driver === 'json') {
    // Read-only stores never remove anything, so retention is only handed to a writer.
    return createJsonStore({ dataDir: config.dataDir, readOnly, onNotice, retentionDays: readOnly ? undefined : config.retentionDays, signer, now });
  }
  const url = config.store?.url ?? env[DATABASE_URL_ENV];
  if (!url) throw new ConfigError(`store.url: required for the postgres driver (or set ${DATABASE_URL_ENV})`);
  if (!/^postgres(ql)?:\/\/\S+$/.test(url)) throw new ConfigError(`${DATABASE_URL_ENV}: expected a postgres:// or postgresql:// URL`);
  return createPostgresStore({ url, readOnly, onNotice, retentionDays: readOnly ? undefined : config.retentionDays, signer, dataDir: config.dataDir, now });
}
