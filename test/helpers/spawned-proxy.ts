import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { expect, onTestFinished } from 'vitest';

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

/** `portal-audit start` with `args` as its own process, its output collected; killed when the test ends. */
function spawnStart(args: string[]) {
  const child = spawn(process.execPath, [BIN, 'start', ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
  onTestFinished(() => void child.kill('SIGKILL'));
  let out = '';
  child.stdout.on('data', (d) => (out += d));
  child.stderr.on('data', (d) => (out += d));
  const exited = once(child, 'exit');
  return {
    child,
    exited,
    output: () => out,
    kill: async (signal: NodeJS.Signals = 'SIGKILL') => {
      if (child.exitCode === null && child.signalCode === null) child.kill(signal);
      await exited;
    },
  };
}

/** `portal-audit start --config FILE` as its own process, resolved once it prints its URLs; killed when the test ends. */
export async function spawnProxy(configFile: string): Promise<SpawnedProxy> {
  const { child, exited, output, kill } = spawnStart(['--config', configFile]);
  const urls = await new Promise<[string, string]>((resolve, reject) => {
    const look = () => {
      const portal = /Office Portal\s+(http:\/\/127\.0\.0\.1:\d+)/.exec(output());
      const admin = /Admin API\s+(http:\/\/127\.0\.0\.1:\d+)/.exec(output());
      if (portal && admin) resolve([portal[1]!, admin[1]!]);
    };
    child.stdout.on('data', look);
    exited.then(() => reject(new Error(`portal-audit start exited early:\n${output()}`)), reject);
  });
  return { child, portalUrl: urls[0], adminUrl: urls[1], output, kill };
}

/** One line of `--log-format json` output. */
export type LogLine = Record<string, any>;

export interface JsonLoggedProxy extends Omit<SpawnedProxy, 'portalUrl' | 'adminUrl'> {
  /** Every complete line printed so far, parsed. */
  lines(): LogLine[];
  /** The line with `event: 'start'`. */
  start: LogLine;
  /** The URL the start line gives for the listener of `source` ('Office Portal', 'Admin API'). */
  listener(source: string): string;
}

/** `portal-audit start --config FILE --log-format json` as its own process, resolved once it logs its start line; killed when the test ends. */
export async function spawnJsonProxy(configFile: string): Promise<JsonLoggedProxy> {
  const proxy = spawnStart(['--config', configFile, '--log-format', 'json']);
  // Only whole lines: the last chunk may end mid-line.
  const lines = () =>
    proxy
      .output()
      .split('\n')
      .slice(0, -1)
      .map((line) => JSON.parse(line) as LogLine);
  await expect.poll(() => lines().some((l) => l.event === 'start'), { timeout: 40_000, message: 'portal-audit start logs its start line' }).toBe(true);
  const start = lines().find((l) => l.event === 'start')!;
  const listener = (source: string): string => {
    const found = (start.listeners as Array<{ source: string; url: string }>).find((l) => l.source === source);
    if (!found) throw new Error(`the start line names no ${source} listener`);
    return found.url;
  };
  return { ...proxy, lines, start, listener };
}
