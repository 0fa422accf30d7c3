import type { Config } from '../config/schema.ts';
import type { SearchEngine } from '../search/types.ts';
import type { Store } from '../store/store.ts';
import { ensureInitialAdminToken } from './initial-token.ts';
import { createAdminServer, type AdminServerOptions } from './server.ts';
import type { TokenBook } from './tokens.ts';

export interface StartedAdmin {
  /** Base URL the extension is given, e.g. http://127.0.0.1:7070. */
  url: string;
  /** The admin token made on the first start, for the caller to print once; null on later starts. */
  initialToken: string | null;
  close(): Promise<void>;
}

/** Makes the first admin token if there is none, and listens on `admin.listen`. */
export async function startAdminApi(options: {
  config: Config;
  /** The admin tokens, from the store's driver (see openSharedState). */
  tokens: TokenBook;
  store: Store;
  engine: SearchEngine;
  portals: Array<{ source: string; url: string }>;
  failureLimits?: AdminServerOptions['failureLimits'];
  metrics?: AdminServerOptions['metrics'];
  onError?: AdminServerOptions['onError'];
}): Promise<StartedAdmin> {
  const initialToken = await ensureInitialAdminToken(options.config.dataDir, options.tokens);
  const admin = createAdminServer(options);
  const url = await admin.listen(options.config.admin.listen);
  return { url, initialToken, close: () => admin.close() };
}
