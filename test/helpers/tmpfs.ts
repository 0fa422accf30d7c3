import { execFileSync } from 'node:child_process';
import { mkdtemp, open, rm, rmdir } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { onTestFinished } from 'vitest';

export interface SmallDisk {
  /** The mount point. */
  dir: string;
  /** Takes every free byte with a filler file. */
  fill(): Promise<void>;
  /** Removes the filler. */
  free(): Promise<void>;
  /** Remounts read-only (true) or read-write (false). */
  readOnly(on: boolean): void;
}

/**
 * A tmpfs of `sizeMb` mounted for the current test and unmounted when it ends; null when this
 * process may not mount (not root), so the caller can skip and say why. In CI (CI=true) the
 * full-disk tests must run, as the PostgreSQL ones must: a failed mount throws instead.
 */
export async function mountSmallDisk(sizeMb = 2): Promise<SmallDisk | null> {
  const dir = await mkdtemp(join(tmpdir(), 'portal-audit-disk-'));
  try {
    execFileSync('mount', ['-t', 'tmpfs', '-o', `size=${sizeMb}m`, 'tmpfs', dir], { stdio: 'pipe' });
  } catch (err) {
    await rmdir(dir);
    if (process.env.CI === 'true') throw new Error(`CI must run the full-disk tests, but a tmpfs could not be mounted: ${(err as Error).message}`);
    return null;
  }
  onTestFinished(async () => {
    execFileSync('umount', ['-l', dir], { stdio: 'pipe' });
    await rmdir(dir);
  });
  const filler = join(dir, 'filler');
  return {
    dir,
    async fill() {
      const handle = await open(filler, 'a');
      const chunk = Buffer.alloc(64 * 1024);
      try {
        for (;;) await handle.write(chunk);
      } catch (err) {
        if ((err as NodeJS.ErrnoException).code !== 'ENOSPC') throw err;
      } finally {
        await handle.close();
      }
      // Then the last partial pages, byte runs at a time.
      const tail = await open(filler, 'a');
      try {
        for (let size = 4096; size >= 1; size = Math.floor(size / 2)) {
          try {
            for (;;) await tail.write(Buffer.alloc(size));
          } catch {
            // next smaller size
          }
        }
      } finally {
        await tail.close();
      }
    },
    free: () => rm(filler, { force: true }),
    readOnly(on) {
      execFileSync('mount', ['-o', `remount,${on ? 'ro' : 'rw'}`, dir], { stdio: 'pipe' });
    },
  };
}
