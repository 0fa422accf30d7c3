import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { onTestFinished } from 'vitest';
import type { ConfigInput } from '../../proxy/config/schema.ts';
import { startAuditRig } from './audit-rig.ts';
import { startCountingUpstream } from './counting-upstream.ts';
import type { UpstreamHandler } from './recording-upstream.ts';

export interface HostileRigOptions {
  /** Config on top of the rig's own (data dir, one portal, admin on port 0). Default: none. */
  config?: Partial<ConfigInput>;
  /** How the upstream answers. Default: 201 for POST, else 200, with `{ ok: true }`. */
  handler?: UpstreamHandler;
  /** A data dir to start on (e.g. one holding a prepared intent journal). Default: a fresh temp dir. */
  dataDir?: string;
}

/**
 * Every file under `dir`, recursively, with its contents. A running proxy renames temporary files into
 * place (the signed checkpoint, once a second), so a file that vanishes mid-walk starts the walk again.
 */
export async function filesUnder(dir: string, attempts = 5): Promise<Array<{ path: string; text: string }>> {
  try {
    return await walk(dir);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'ENOENT' || attempts <= 1) throw err;
    return filesUnder(dir, attempts - 1);
  }
}

async function walk(dir: string): Promise<Array<{ path: string; text: string }>> {
  const out: Array<{ path: string; text: string }> = [];
  for (const item of await readdir(dir, { withFileTypes: true })) {
    const path = join(dir, item.name);
    if (item.isDirectory()) out.push(...(await walk(path)));
    else if (item.isFile()) out.push({ path, text: (await readFile(path, 'latin1')) + (await readFile(path, 'utf8')) });
  }
  return out;
}

/** Portal Audit (real listeners, real JSON store) in front of a counting upstream, for hostile-input tests. */
export async function startHostileRig({ config, handler, dataDir }: HostileRigOptions = {}) {
  const upstream = await startCountingUpstream(handler);
  const rig = await startAuditRig(upstream, { config, dataDir, tempPrefix: 'portal-audit-hostile-' });
  return Object.assign(rig, {
    upstream,
    /** Every file in the data dir, read both as UTF-8 and as Latin-1, so a secret is found in either form. */
    files: () => filesUnder(rig.dataDir),
  });
}
export type HostileRig = Awaited<ReturnType<typeof startHostileRig>>;

/** A hostile rig for the current test only: closed when the test finishes. */
export async function hostileRigForTest(options?: HostileRigOptions): Promise<HostileRig> {
  const rig = await startHostileRig(options);
  onTestFinished(() => rig.close());
  return rig;
}
