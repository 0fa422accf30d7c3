import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startDemo, type RunningDemo } from '../../../proxy/demo/start-demo.ts';

export interface E2eStack {
  demo: RunningDemo;
  dataDir: string;
  /** The demo portal behind Portal Audit, by source: "Office Portal", "Staff Portal", "Customer Portal". */
  portalUrl(source: string): string;
  /** The admin API, e.g. http://127.0.0.1:41234 */
  adminUrl: string;
  /** The admin token the first start wrote to <dataDir>/initial-admin-token. */
  adminToken: string;
  close(): Promise<void>;
}

/**
 * The real thing, as `npm start` runs it, on ephemeral ports in a fresh temp data dir: the demo gym's portal,
 * Portal Audit's capturing listeners in front of it (with the first-start demo traffic, so the log looks like a
 * gym's day), and the admin API.
 */
export async function startE2eStack(): Promise<E2eStack> {
  const dataDir = mkdtempSync(join(tmpdir(), 'portal-audit-e2e-'));
  let demo: RunningDemo;
  try {
    demo = await startDemo({ dataDir, ephemeral: true, trafficWhenEmpty: true });
  } catch (err) {
    rmSync(dataDir, { recursive: true, force: true });
    throw err;
  }
  const close = async () => {
    await demo.close().catch(() => {});
    rmSync(dataDir, { recursive: true, force: true });
  };
  try {
    const admin = demo.audit.admin;
    const adminToken = readFileSync(join(dataDir, 'initial-admin-token'), 'utf8').trim();
    return {
      demo,
      dataDir,
      adminUrl: admin.url,
      adminToken,
      portalUrl(source) {
        const portal = demo.audit.portals.find((p) => p.source === source);
        if (!portal) throw new Error(`no portal listener for ${source}: ${demo.audit.portals.map((p) => p.source).join(', ')}`);
        return portal.url;
      },
      close,
    };
  } catch (err) {
    await close();
    throw err;
  }
}
