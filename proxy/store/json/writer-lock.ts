import { open, readFile, unlink, writeFile } from 'node:fs/promises';
import { join } from 'node:path';

/** Another live process already writes this log: two writers would fork the hash chain. */
export class StoreLockedError extends Error {
  override name = 'StoreLockedError';
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/**
 * Takes `<dataDir>/writer.lock` (holding the writer's pid) so that a seed or a second proxy cannot
 * write the same log as a running proxy. A lock left by a process that died (SIGKILL) is taken over.
 * Resolves with the release function.
 */
export async function acquireWriterLock(dataDir: string): Promise<() => Promise<void>> {
  const path = join(dataDir, 'writer.lock');
  try {
    const handle = await open(path, 'wx');
    await handle.writeFile(String(process.pid));
    await handle.close();
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
    const holder = Number((await readFile(path, 'utf8').catch(() => '')).trim());
    if (holder && holder !== process.pid && alive(holder)) {
      throw new StoreLockedError(`Another Portal Audit process (pid ${holder}) is writing the log in ${dataDir}; stop it first (or remove ${path} if that process is not Portal Audit)`);
    }
    await writeFile(path, String(process.pid));
  }
  return () => unlink(path).catch(() => undefined);
}
