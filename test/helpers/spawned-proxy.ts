import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { onTestFinished } from 'vitest';

const BIN = join(import.meta.dirname, '../../bin/portal-audit.mjs');

export interface SpawnedProxy {
  child: ChildProcess;
  /** The Office Portal listener. */
  portalUrl: string;
  adminUrl: string;
  /** Everything the process printed so far (stdout and stderr). */
  output(): string;
  /** Kills with `signal` and resolves once the process has exited. */
  kill(signal?: NodeJS.Signals): Promise<void>;
}

/** A config file in a fresh folder for a proxy in front of `target`, writing to `dataDir`, plus `extra` keys; resolves with its path. */
export async function proxyConfig(target: string, dataDir: string, extra: Record<string, unknown> = {}): Promise<string> {
  const file = join(await mkdtemp(join(tmpdir(), 'portal-audit-config-')), 'portal-audit.config.json');
  onTestFinished(() => rm(dirname(file), { recursive: true, force: true }));
  await writeFile(file, JSON.stringify({ dataDir, admin: { listen: '127.0.0.1:0' }, portals: [{ listen: '127.0.0.1:0', target, source: 'Office Portal' }], ...extra }));
  return file;
}

/** `portal-audit start --config FILE` as its own process, resolved once it prints its URLs; killed when the test ends. */
export async function spawnProxy(configFile: string): Promise<SpawnedProxy> {
  const child = spawn(process.execPath, [BIN, 'start', '--config', configFile], { stdio: ['ignore', 'pipe', 'pipe'] });
  onTestFinished(() => void child.kill('SIGKILL'));
  let out = '';
  child.stdout.on('data', (d) => (out += d));
  child.stderr.on('data', (d) => (out += d));
  const exited = once(child, 'exit');
  const urls = await new Promise<[string, string]>((resolve, reject) => {
    const look = () => {
      const portal = /Office Portal\s+(http:\/\/127\.0\.0\.1:\d+)/.exec(out);
      const admin = /Admin API\s+(http:\/\/127\.0\.0\.1:\d+)/.exec(out);
      if (portal && admin) resolve([portal[1]!, admin[1]!]);
    };
    child.stdout.on('data', look);
    exited.then(() => reject(new Error(`portal-audit start exited early:\n${out}`)), reject);
  });
  return {
    child,
    portalUrl: urls[0],
    adminUrl: urls[1],
    output: () => out,
    async kill(signal = 'SIGKILL') {
      if (child.exitCode === null && child.signalCode === null) child.kill(signal);
      await exited;
    },
  };
}
