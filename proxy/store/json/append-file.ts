import { open, truncate, type FileHandle } from 'node:fs/promises';

/**
 * One append-only file with an acknowledged length. Writes go to the end; `commit` acknowledges
 * them once synced, and `rollback` cuts the file back to the acknowledged length after a failed
 * write, so nothing half-written is ever followed by acknowledged data.
 */
export interface AppendFile {
  readonly path: string;
  /** Bytes in the file, including writes not yet committed. */
  size(): number;
  /** Opens (creating) the file now, so a folder that cannot hold it fails before anything relies on it. */
  open(): Promise<void>;
  /** Appends all of `data`; resolves with the offset it starts at. */
  write(data: Buffer): Promise<number>;
  /** Makes what was written durable; no fsync when nothing was written since the last one. */
  sync(): Promise<void>;
  commit(): void;
  /** Truncates to the acknowledged length and syncs; rejects while the disk still fails. */
  rollback(): Promise<void>;
  /**
   * Empties the file (all its content is settled); it is acknowledged at once. Not synced: a crash
   * that undoes the truncation leaves only settled content, and the next synced write makes it durable.
   */
  clear(): Promise<void>;
  close(): Promise<void>;
}

/** Opens lazily, so a file that does not exist yet is created by the first write. */
export function createAppendFile(path: string, existingSize = 0): AppendFile {
  let handle: FileHandle | null = null;
  let written = existingSize;
  let committed = existingSize;
  // Bytes written since the last fsync: a sync with nothing to make durable costs a disk flush for nothing.
  let dirty = false;

  async function ensureOpen(): Promise<FileHandle> {
    handle ??= await open(path, 'a');
    return handle;
  }

  async function drop(): Promise<void> {
    const h = handle;
    handle = null;
    await h?.close().catch(() => undefined);
  }

  return {
    path,
    size: () => written,
    async open() {
      await ensureOpen();
    },
    async write(data) {
      const h = await ensureOpen();
      const offset = written;
      let done = 0;
      try {
        while (done < data.length) {
          const { bytesWritten } = await h.write(data, done, data.length - done);
          done += bytesWritten;
        }
      } finally {
        written += done;
        if (done > 0) dirty = true;
      }
      return offset;
    },
    async sync() {
      if (!handle || !dirty) return;
      await handle.sync();
      dirty = false;
    },
    commit() {
      committed = written;
    },
    async rollback() {
      // Never opened and nothing written: nothing to cut (and no file to create just for that).
      if (handle === null && written === committed) return;
      // The old descriptor may be the broken part (EIO), so start over from the path.
      await drop();
      if (written !== committed) await truncate(path, committed);
      const h = await ensureOpen();
      await h.sync();
      written = committed;
      dirty = false;
    },
    async clear() {
      const h = await ensureOpen();
      await h.truncate(0);
      written = committed = 0;
    },
    close: drop,
  };
}
