import { startAdminApi, type StartedAdmin } from './admin/start.ts';
import type { SessionBook } from './capture/flow.ts';
import { join } from 'node:path';
import type { Config } from './config/schema.ts';
import type { Logger } from './log/logger.ts';
import { createMetrics, type Metrics } from './metrics/metrics.ts';
import { createSearchEngine } from './search/engine.ts';
import type { SearchEngine } from './search/types.ts';
import { startPortalListener, type PortalListener } from './server/portal-listener.ts';
import { createStore, openSharedState } from './store/create-store.ts';
import { loadSigner } from './store/merkle/signing-key.ts';
import type { Store } from './store/store.ts';

export interface StartOptions {
  config: Config;
  /** An already opened store to write to; default: the one `config.store` names (see createStore), opened and closed here. */
  store?: Store;
  /** Sessions learned from logins; default: the store driver's (see openSharedState). */
  sessions?: SessionBook;
  /** The clock that times sessions learned from logins (ms since the epoch), for the default book and capture alike. Default `Date.now`. */
  sessionClock?: () => number;
  /** Where notices and errors go (store notices, failed captures and appends, admin API errors). Default: the console, as before. */
  logger?: Logger;
}

export interface PortalAudit {
  /** One per `portals[]` entry, in config order. */
  portals: Array<{ source: string; url: string }>;
  store: Store;
  /** The log's public key (verifier key) and its short fingerprint, to print at start; null with a store given from outside. */
  publicKey: { verifierKey: string; fingerprint: string } | null;
  /** This instance's counters and histograms (also served on the admin API's `/metrics`). */
  metrics: Metrics;
  /** The admin API; `initialToken` is the admin token made on the first start (print it once), else null. */
  admin: { url: string; initialToken: string | null };
  /** Reads every portal listener's certificate files again (SIGHUP); a bad file throws and the old ones stay. */
  reloadTls(): void;
  /** Stops the listeners (requests in flight get `graceMs` to finish, default 0), then flushes and closes what was opened here. */
  close(options?: { graceMs?: number }): Promise<void>;
}

/** Starts Portal Audit: the store, a capturing listener per portal face, then the search engine and the admin API. */
export async function startPortalAudit({ config, store, sessions, sessionClock, logger }: StartOptions): Promise<PortalAudit> {
  const ownStore = !store;
  // A key file named in the config must be readable (a config error otherwise); the default one the store makes itself.
  const signer = ownStore && config.signingKeyFile ? await loadSigner({ dataDir: config.dataDir, keyFile: config.signingKeyFile }) : undefined;
  const notices = logger ? { onNotice: (m: string) => logger.warn(m) } : {};
  const log = store ?? createStore(config, { signer, ...notices });
  if (ownStore) await log.open();
  const shared = await openSharedState(config, { ...notices, sessionClock }).catch(async (err: unknown) => {
    if (ownStore) await log.close();
    throw err;
  });
  // Other replicas' entries reach this one's search index (a JSON writer, the only one, has none to follow).
  const watching = new AbortController();
  if (ownStore) log.watch?.(watching.signal);
  const metrics = createMetrics({ store: log, logDir: join(config.dataDir, 'log') });
  const recorded = metrics.instrument(log);
  const book = sessions ?? shared.sessions;
  const listeners: PortalListener[] = [];
  let engine: SearchEngine | null = null;
  let admin: StartedAdmin | null = null;
  const close = async ({ graceMs = 0 } = {}) => {
    // The listeners first: requests finishing within the grace still append to the store.
    await Promise.all(listeners.map((l) => l.close({ graceMs })));
    await admin?.close();
    await engine?.close();
    watching.abort();
    await shared.close();
    if (ownStore) await log.close();
  };
  try {
    for (const portal of config.portals) listeners.push(await startPortalListener({ config, portal, store: recorded, sessions: book, sessionClock, metrics, logger }));
    engine = await createSearchEngine({ store: log, config });
    admin = await startAdminApi({
      config,
      tokens: shared.tokens,
      store: recorded,
      engine,
      metrics,
      ...(logger ? { onError: (err: unknown) => logger.error({ err }, 'admin API error') } : {}),
      portals: listeners.map(({ source, url }) => ({ source, url })),
    });
  } catch (err) {
    await close();
    throw err;
  }
  return {
    portals: listeners.map(({ source, url }) => ({ source, url })),
    store: log,
    publicKey: log.transparency?.()?.publicKey ?? null,
    metrics,
    reloadTls: () => {
      for (const l of listeners) l.reloadTls();
    },
    admin: { url: admin.url, initialToken: admin.initialToken },
    close,
  };
}
