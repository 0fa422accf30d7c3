import { spawn, type ChildProcess } from 'node:child_process';
import { realpath, writeFile } from 'node:fs/promises';
import { createConnection } from 'node:net';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect, it, onTestFinished } from 'vitest';
import { acquireWriterLock, lockAddress } from '../../proxy/store/json/writer-lock.ts';
import { drafts, entriesIn, openStore, scratchDataDir } from '../helpers/temp-store.ts';

const holder = fileURLToPath(new URL('../helpers/lock-holder.ts', import.meta.url));

interface Started {
  child: ChildProcess;
  /** The child's first line: `writer <pid>` or `locked: <message>`. */
  said: Promise<string>;
}

function start(dataDir: string, shell?: string): Started {
  const args = ['--import', 'tsx', holder, dataDir];
  // Through `sh -c '… & exec sleep'` the holder's parent is a sleep that never reaps it: killed, it stays a zombie.
  const child = shell
    ? spawn('sh', ['-c', `${JSON.stringify(process.execPath)} ${args.map((a) => JSON.stringify(a)).join(' ')} & echo "pid $!"; exec sleep 60`], { stdio: ['ignore', 'pipe', 'inherit'] })
    : spawn(process.execPath, args, { stdio: ['ignore', 'pipe', 'inherit'] });
  onTestFinished(() => void child.kill('SIGKILL'));
  let out = '';
  child.stdout.setEncoding('utf8');
  const said = new Promise<string>((resolve, reject) => {
    child.stdout.on('data', (chunk: string) => {
      out += chunk;
      const line = out.split('\n').find((l) => l.startsWith('writer') || l.startsWith('locked'));
      if (line) resolve(line);
    });
    child.once('exit', () => setTimeout(() => reject(new Error(`child exited saying ${JSON.stringify(out)}`)), 50));
  });
  return { child, said };
}

it('of six processes started at once on one data folder, exactly one writes, even over a stale writer.lock', { timeout: 60_000 }, async () => {
  const dataDir = await scratchDataDir();
  // What a killed writer of an older version left: a pid file naming a process that is gone.
  await writeFile(join(dataDir, 'writer.lock'), '2147483646');
  const started = Array.from({ length: 6 }, () => start(dataDir));
  const said = await Promise.all(started.map((s) => s.said));
  expect(said.filter((s) => s.startsWith('writer'))).toHaveLength(1);
  for (const s of said.filter((line) => line.startsWith('locked'))) expect(s).toMatch(`Another Portal Audit process is writing the log in ${dataDir}`);
  expect((await entriesIn(dataDir)).map((e) => e.seq)).toEqual([1]);
});

it('a SIGKILLed writer left as a zombie does not block the next start', { timeout: 60_000 }, async () => {
  const dataDir = await scratchDataDir();
  const first = start(dataDir, 'zombie');
  const writerPid = Number((await first.said).split(' ')[1]);
  process.kill(writerPid, 'SIGKILL');
  // The zombie keeps its pid: signal 0 still says it is there.
  await expect
    .poll(() => {
      try {
        process.kill(writerPid, 0);
        return 'present';
      } catch {
        return 'gone';
      }
    })
    .toBe('present');
  const next = start(dataDir);
  expect(await next.said).toMatch(/^writer /);
  expect(await entriesIn(dataDir)).toHaveLength(2);
});

it('a writer.lock file naming pid 1 (left by an older version) is ignored', async () => {
  const dataDir = await scratchDataDir();
  await writeFile(join(dataDir, 'writer.lock'), '1');
  const store = await openStore(dataDir);
  expect((await store.append(drafts(1)[0]!)).seq).toBe(1);
  await store.close();
});

it('a second writer in the same process is refused while the first holds the log, and takes it once released', async () => {
  const dataDir = await scratchDataDir();
  const first = await openStore(dataDir);
  await expect(openStore(dataDir)).rejects.toThrow(`Another Portal Audit process is writing the log in ${dataDir}`);
  await first.close();
  const second = await openStore(dataDir);
  await second.close();
});

it('a writer survives whoever knocks on its lock and leaves at once: 300 connections closed unread, and it is still alive and still holds the log', { timeout: 60_000 }, async () => {
  const dataDir = await scratchDataDir();
  const { child, said } = start(dataDir);
  expect(await said).toMatch(/^writer \d+$/);
  const address = lockAddress(await realpath(dataDir));
  for (let i = 0; i < 300; i++) {
    await new Promise<void>((resolve) => {
      const socket = createConnection(address, () => {
        socket.destroy();
        resolve();
      });
      socket.on('error', () => resolve());
    });
  }
  // Its answer to the last knock is written by now; a holder that died of one (EPIPE) has exited.
  await expect(acquireWriterLock(dataDir)).rejects.toThrow(`(pid ${child.pid})`);
  expect(child.exitCode).toBeNull();
});
