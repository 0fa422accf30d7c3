import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Entry } from '../../shared/entry.ts';
import { startPortalAudit, type PortalAudit } from '../../proxy/app.ts';
import { parseConfig } from '../../proxy/config/load.ts';
import type { Config, ConfigInput } from '../../proxy/config/schema.ts';
import { sendRaw, type RawAnswer, type RawSendOptions } from './raw-client.ts';
import { allEntries } from './temp-store.ts';

/** One request with node:http, so the test chooses the client's address and sees raw bytes. */
export function send(url: string, options: RawSendOptions = {}): Promise<RawAnswer> {
  const { origin, pathname, search } = new URL(url);
  return sendRaw(origin, pathname + search, options);
}

/** The server the proxy stands in front of. */
export interface Upstream {
  url: string;
  close(): Promise<void>;
}

export interface AuditRigOptions {
  /** Config on top of the rig's own (data dir, one portal in front of the target, admin on port 0). */
  config?: Partial<ConfigInput>;
  /** A data dir to start on. Default: a fresh temp dir named after `tempPrefix`. */
  dataDir?: string;
  tempPrefix?: string;
  /** The clock that times sessions learned from logins, so a test moves it instead of waiting. Default `Date.now`. */
  sessionClock?: () => number;
}

/**
 * Portal Audit (real listeners, a real JSON store) in front of `upstream`, and what every rig does
 * with it: talk through the proxy, read what was logged, restart it on the same data dir, and close
 * the proxy, then the upstream.
 */
export async function startAuditRig(upstream: Upstream, { config: overrides = {}, dataDir: given, tempPrefix = 'portal-audit-rig-', sessionClock }: AuditRigOptions = {}) {
  const dataDir = given ?? (await mkdtemp(join(tmpdir(), tempPrefix)));
  const config: Config = parseConfig({
    dataDir,
    portals: [{ listen: '127.0.0.1:0', target: upstream.url, source: 'Office Portal' }],
    // startPortalAudit also starts the admin API: never on the fixed default port in tests.
    admin: { listen: '127.0.0.1:0' },
    ...overrides,
  });
  let audit: PortalAudit = await startPortalAudit({ config, sessionClock });
  const rig = {
    dataDir,
    config,
    get url() {
      return audit.portals[0]!.url;
    },
    get store() {
      return audit.store;
    },
    /** The admin API's URL and the admin token made on the first start. */
    get admin() {
      return audit.admin;
    },
    send: (path: string, options?: RawSendOptions) => send(`${rig.url}${path}`, options),
    entries: (): Promise<Entry[]> => allEntries(audit.store),
    async lastEntry(): Promise<Entry> {
      const last = (await rig.entries()).at(-1);
      if (!last) throw new Error('no entry was logged');
      return last;
    },
    /** Stops the proxy and starts it again on the same data dir (a new port). */
    async restart() {
      await audit.close();
      audit = await startPortalAudit({ config, sessionClock });
    },
    async close(options?: { graceMs?: number }) {
      await audit.close(options);
      await upstream.close();
    },
  };
  return rig;
}
export type AuditRig = Awaited<ReturnType<typeof startAuditRig>>;
