import { open, rename } from 'node:fs/promises';
import { dirname } from 'node:path';

export interface AtomicWriteOptions {
  /** File mode when the file is created. Default 0o666 (less the umask). */
  mode?: number;
  /** Also sync the folder, so the rename itself survives a power cut. Default true. */
  syncFolder?: boolean;
}

/**
 * Replaces `path` with `data` so that a crash at any moment leaves the old file or the new one, never
 * half of either: a temporary file beside it is written and synced, renamed over `path`, then the folder
 * is synced. The temporary name carries the process id, so two processes over one data folder (a proxy
 * and a CLI command) never write the same temporary file.
 */
export async function writeFileAtomic(path: string, data: string | Uint8Array | readonly Uint8Array[], { mode, syncFolder: folder = true }: AtomicWriteOptions = {}): Promise<void> {
  const temporary = `${path}.${process.pid}.tmp`;
  const file = await open(temporary, 'w', mode);
  try {
    if (typeof data === 'string' || data instanceof Uint8Array) await file.writeFile(data);
    else for (const chunk of data) await file.write(chunk);
    await file.sync();
  } finally {
    await file.close();
  }
  await rename(temporary, path);
  if (folder) await syncFolder(dirname(path));
}

/** Makes the folder's entries (a file created, renamed or removed in it) durable. */
export async function syncFolder(dir: string): Promise<void> {
  const handle = await open(dir, 'r');
  try {
    await handle.sync();
  } finally {
    await handle.close();
  }
}
