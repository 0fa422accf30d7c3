import { execFileSync } from 'node:child_process';
import { appendFile, mkdir, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { startHostileRig, type HostileRig } from '../../helpers/hostile-rig.ts';
import type { ConfigInput } from '../../../proxy/config/schema.ts';

type HostileRigConfig = Partial<ConfigInput>;
import { sendRaw } from '../../helpers/raw-client.ts';

let rig: HostileRig | undefined;
let mounted: string | undefined;
afterEach(async () => {
  await rig?.close();
  if (mounted) execFileSync('umount', ['-l', mounted]);
  rig = mounted = undefined;
});

/** Fills the file system under `dir` to the last byte, so the next write that needs a page fails ENOSPC. */
async function fill(dir: string): Promise<void> {
  const file = join(dir, 'filler');
  for (const size of [256 * 1024, 4096, 1]) {
    try {
      for (;;) await appendFile(file, Buffer.alloc(size));
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'ENOSPC') throw err;
    }
  }
}

/** A rig whose portal answers a student POST only once the disk under the log is full (the intent already on it). */
async function fullDiskRig(config: HostileRigConfig = {}) {
  // CI runs as root, where a small tmpfs makes a disk that fills up for real.
  const disk = await mkdtemp(join(tmpdir(), 'portal-audit-full-'));
  execFileSync('mount', ['-t', 'tmpfs', '-o', 'size=2m', 'tmpfs', disk]);
  mounted = disk;
  await mkdir(join(disk, 'data'));
  let filled!: () => void;
  const diskFull = new Promise<void>((resolve) => (filled = resolve));
  rig = await startHostileRig({
    dataDir: join(disk, 'data'),
    config: { records: [{ method: 'POST', path: '/api/students', type: 'student', name: '{body.firstName}' }], ...config },
    handler: (req, res) => {
      if (req.method !== 'POST') return void res.writeHead(200, { 'content-type': 'application/json' }).end('{"ok":true}');
      return fill(disk).then(() => {
        res.writeHead(201, { 'content-type': 'application/json' }).end('{"id":"s1"}');
        filled();
      });
    },
  });
  return { rig, diskFull, free: () => rm(join(disk, 'filler')) };
}

const addStudent = (url: string, firstName: string) => sendRaw(url, '/api/students', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ firstName }) });

describe('an append that fails after the portal answered', () => {
  it("holds the answer at most appendHoldMs, then answers 503 naming the portal's status, and still records the change once the log can write", async () => {
    const { rig, diskFull, free } = await fullDiskRig({ appendHoldMs: 300 });
    const answer = await addStudent(rig.url, 'Ada');
    await diskFull;
    // Released while the disk is still full: the client is not kept waiting on the log.
    expect(rig.store.writable()).toBe(false);
    expect(answer.status).toBe(503);
    expect(answer.json().error).toMatch(/portal answered 201/);
    expect(answer.json().error).toMatch(/do not repeat/i);
    expect(answer.body.toString()).not.toContain('s1');

    // Still refusing new changes before the portal: the held entry has not landed.
    const portalSaw = rig.upstream.received.length;
    expect((await addStudent(rig.url, 'Bob')).status).toBe(503);
    expect(rig.upstream.received.length).toBe(portalSaw);

    await free();
    await expect
      .poll(async () => (await rig.entries()).filter((e) => e.method === 'POST'), { timeout: 10_000 })
      .toEqual([expect.objectContaining({ status: 201, outcome: 'success', records: [expect.objectContaining({ name: 'Ada' })] })]);
    expect((await addStudent(rig.url, 'Cy')).status).toBe(201);
    await rig.restart();
    expect((await rig.entries()).filter((e) => e.method === 'POST').map((e) => e.records[0]?.name)).toEqual(['Ada', 'Cy']);
  });

  it("holds the answer, refuses new changes with 503, and releases the portal's answer once the entry is written, exactly once", async () => {
    const { rig, diskFull, free } = await fullDiskRig();
    const held = addStudent(rig.url, 'Ada');
    let answered = false;
    // Its failure, if any, is seen where the test awaits `held`.
    held.then(
      () => (answered = true),
      () => undefined,
    );
    await diskFull;
    await expect.poll(() => rig.store.writable(), { timeout: 5000 }).toBe(false);

    // Meanwhile: new changes are refused before the portal, reads flow, the first answer waits.
    const portalSaw = rig.upstream.received.length;
    const refused = await addStudent(rig.url, 'Bob');
    expect(refused.status).toBe(503);
    expect(refused.json().error).toMatch(/audit log/);
    expect((await sendRaw(rig.url, '/api/students/1')).status).toBe(200);
    expect(rig.upstream.received.length).toBe(portalSaw + 1);
    expect(answered).toBe(false);

    await free();
    const answer = await held;
    expect(answer.status).toBe(201);
    expect(answer.json()).toEqual({ id: 's1' });
    const entries = (await rig.entries()).filter((e) => e.method === 'POST');
    expect(entries).toEqual([expect.objectContaining({ status: 201, outcome: 'success', records: [expect.objectContaining({ name: 'Ada' })] })]);

    // A restart over the same journal does not log it again.
    await rig.restart();
    expect((await rig.entries()).filter((e) => e.method === 'POST')).toHaveLength(1);
  });
});
