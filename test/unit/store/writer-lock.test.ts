import { mkdir, symlink, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { expect, it } from 'vitest';
import { acquireWriterLock, lockAddress, StoreLockedError } from '../../../proxy/store/json/writer-lock.ts';
import { scratchDataDir } from '../../helpers/temp-store.ts';

it('refuses a second writer while the first holds the folder, naming the folder and the holder, and lets the next in once released', async () => {
  const dataDir = await scratchDataDir();
  const release = await acquireWriterLock(dataDir);
  const refused = acquireWriterLock(dataDir);
  await expect(refused).rejects.toBeInstanceOf(StoreLockedError);
  await expect(refused).rejects.toThrow(`Another Portal Audit process is writing the log in ${dataDir} (pid ${process.pid}); stop it first`);
  await release();
  await (
    await acquireWriterLock(dataDir)
  )();
});

it('is one lock for one folder however it is spelt (a symlink, a trailing slash)', async () => {
  const dataDir = await scratchDataDir();
  await mkdir(join(dataDir, 'real'));
  await symlink(join(dataDir, 'real'), join(dataDir, 'alias'));
  const release = await acquireWriterLock(join(dataDir, 'real'));
  await expect(acquireWriterLock(join(dataDir, 'alias/'))).rejects.toThrow(/Another Portal Audit process/);
  // A different folder is a different lock.
  await (
    await acquireWriterLock(dataDir)
  )();
  await release();
});

it('on Linux names an abstract socket, which leaves nothing on disk', () => {
  expect(lockAddress('/srv/audit', 'linux')).toMatch(/^\0portal-audit-[0-9a-f]{32}$/);
  expect(lockAddress('/srv/audit', 'win32')).toMatch(/^\\\\\?\\pipe\\portal-audit-[0-9a-f]{32}$/);
  expect(lockAddress('/srv/audit', 'darwin')).toMatch(/portal-audit-[0-9a-f]{32}\.sock$/);
  expect(lockAddress('/srv/audit', 'linux')).not.toBe(lockAddress('/srv/other', 'linux'));
});

it('where the lock is a socket file (macOS), a file left by a dead holder is taken over, a live holder is not', async () => {
  const dataDir = await scratchDataDir();
  const address = lockAddress(dataDir, 'darwin');
  await writeFile(address, 'left by a writer that was killed');
  const release = await acquireWriterLock(dataDir, { platform: 'darwin' });
  await expect(acquireWriterLock(dataDir, { platform: 'darwin' })).rejects.toThrow(`(pid ${process.pid})`);
  await release();
});
