import { startPortalAudit, type PortalAudit } from '../app.ts';
import type { Config } from '../config/schema.ts';
import { demoConfig, DEMO_PORTAL_PORT } from './demo-config.ts';
import { startDemoPortal, type DemoPortal } from './portal/server.ts';
import { listenersFromPortals, runDemoTraffic } from './traffic.ts';
import type { Step } from './traffic-client.ts';

export interface DemoOptions {
  dataDir?: string;
  portOffset?: number;
  /** Every listener on port 0 (tests). */
  ephemeral?: boolean;
  /** Drive the demo traffic when the log is empty; default true. */
  trafficWhenEmpty?: boolean;
}

export interface RunningDemo {
  portal: DemoPortal;
  audit: PortalAudit;
  config: Config;
  /** The steps of the first-start traffic, or null when the log already had entries. */
  traffic: Step[] | null;
  close(): Promise<void>;
}

/** Which part of the demo could not start, so the CLI can say what to change. */
export class DemoStartError extends Error {
  constructor(
    readonly what: string,
    readonly cause: NodeJS.ErrnoException,
  ) {
    super(`${what}: ${cause.message}`);
  }
}

/** Starts the demo gym's portal, then Portal Audit in front of it with the bundled config. */
export async function startDemo({ dataDir, portOffset = 0, ephemeral = false, trafficWhenEmpty = true }: DemoOptions = {}): Promise<RunningDemo> {
  let portal: DemoPortal;
  try {
    portal = await startDemoPortal({ port: ephemeral ? 0 : DEMO_PORTAL_PORT + portOffset });
  } catch (err) {
    throw new DemoStartError('the demo portal', err as NodeJS.ErrnoException);
  }
  const config = demoConfig({ portalUrl: portal.url, dataDir, portOffset, ephemeral });
  let audit: PortalAudit;
  try {
    audit = await startPortalAudit({ config });
  } catch (err) {
    await portal.close();
    throw new DemoStartError('Portal Audit', err as NodeJS.ErrnoException);
  }
  const close = async () => {
    await audit.close();
    await portal.close();
  };
  try {
    const traffic = trafficWhenEmpty && audit.store.head().seq === 0 ? await runDemoTraffic(listenersFromPortals(audit.portals)) : null;
    return { portal, audit, config, traffic, close };
  } catch (err) {
    await close();
    throw err;
  }
}
