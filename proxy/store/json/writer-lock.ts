import { createHash } from 'node:crypto';
import { realpath, unlink } from 'node:fs/promises';
import { createConnection, createServer, type Server } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { UserError } from '../../user-error.ts';

/** Another live process already writes this log: two writers would fork the hash chain. */
export class StoreLockedError extends UserError {
  override name = 'StoreLockedError';
}

export interface WriterLockOptions {
  /** The OS whose kind of lock to take. Default `process.platform`. */
  platform?: NodeJS.Platform;
  /** How long to wait for the holder to say its pid, for the refusal message. Default 1000 ms. */
  askPidMs?: number;
}

/**
 * The socket name a data folder's writer listens on, from the folder's real path (so two spellings
 * of one folder are one lock). 128 bits of its sha256 keep a path socket under macOS's 104-byte limit.
 */
export function lockAddress(realDataDir: string, platform: NodeJS.Platform = process.platform): string {
  const name = `portal-audit-${createHash('sha256').update(realDataDir).digest('hex').slice(0, 32)}`;
  if (platform === 'linux') return `\0${name}`;
  if (platform === 'win32') return `\\\\?\\pipe\\${name}`;
  return join(tmpdir(), `${name}.sock`);
}

/**
 * Makes this process the only writer of the log in `dataDir`; resolves with the release function.
 *
 * Node has no flock, so the lock is a listening socket whose name comes from the folder: binding
 * it is atomic, a second bind fails with EADDRINUSE, and the kernel frees it the moment its holder
 * dies. So a SIGKILLed writer (even one left a zombie, or whose pid was reused) never blocks the
 * next start, two processes racing can never both win, and a full or read-only disk does not
 * matter, since nothing is written. On Linux it is an abstract-namespace Unix socket and on Windows
 * a named pipe, both of which vanish with their process. Elsewhere (macOS, BSD) it is a socket file
 * in the temp folder: a dead holder leaves the file behind, so a bind that finds nobody answering
 * removes it and tries once more; two starts racing over such a leftover at the same instant could
 * both win there, so start one at a time on those systems.
 */
export async function acquireWriterLock(dataDir: string, { platform = process.platform, askPidMs = 1000 }: WriterLockOptions = {}): Promise<() => Promise<void>> {
  const address = lockAddress(await realpath(dataDir), platform);
  const server = createServer((socket) => {
    // Whoever asks may be gone before the answer is written (EPIPE, ECONNRESET): that must not end the writer.
    socket.on('error', () => undefined);
    socket.end(String(process.pid));
  });
  const taken = await bind(server, address);
  if (taken && usesFile(platform) && (await holderPid(address, askPidMs)) === null) {
    await unlink(address).catch(() => undefined);
    if (!(await bind(server, address))) return held(server, dataDir);
  }
  if (taken) {
    const pid = await holderPid(address, askPidMs);
    throw new StoreLockedError(`Another Portal Audit process is writing the log in ${dataDir}${pid ? ` (pid ${pid})` : ''}; stop it first`);
  }
  return held(server, dataDir);
}

const usesFile = (platform: NodeJS.Platform) => platform !== 'linux' && platform !== 'win32';

/** Resolves true when another process holds the address. */
function bind(server: Server, address: string): Promise<boolean> {
  return new Promise((resolve, reject) => {
    const onError = (err: NodeJS.ErrnoException) => {
      server.off('listening', onListening);
      if (err.code === 'EADDRINUSE') resolve(true);
      else reject(err);
    };
    const onListening = () => {
      server.off('error', onError);
      resolve(false);
    };
    server.once('error', onError);
    server.once('listening', onListening);
    server.listen(address);
  });
}

async function held(server: Server, dataDir: string): Promise<() => Promise<void>> {
  // The lock must not keep the process alive on its own.
  server.unref();
  // Versions before the socket lock left a pid file; it means nothing now and would only mislead.
  await unlink(join(dataDir, 'writer.lock')).catch(() => undefined);
  return () => new Promise<void>((resolve) => server.close(() => resolve()));
}

/** The holder answers a connection with its pid; null when nobody answers in time. */
function holderPid(address: string, timeoutMs: number): Promise<number | null> {
  return new Promise((resolve) => {
    let text = '';
    const socket = createConnection(address);
    const done = (pid: number | null) => {
      socket.destroy();
      resolve(pid);
    };
    socket.setEncoding('utf8');
    socket.setTimeout(timeoutMs, () => done(null));
    socket.on('data', (chunk: string) => (text += chunk.slice(0, 32)));
    socket.on('end', () => done(/^\d+$/.test(text) ? Number(text) : null));
    socket.on('error', () => done(null));
  });
}
