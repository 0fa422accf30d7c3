import { execFileSync } from 'node:child_process';
import { appendFile, mkdir, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { startHostileRig, type HostileRig } from '../../helpers/hostile-rig.ts';
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

describe('an append that fails after the portal answered', () => {
  it("holds the answer, refuses new changes with 503, and releases the portal's answer once the entry is written, exactly once", async () => {
    // CI runs as root, where a small tmpfs makes a disk that fills up for real.
    const disk = await mkdtemp(join(tmpdir(), 'portal-audit-full-'));
    execFileSync('mount', ['-t', 'tmpfs', '-o', 'size=2m', 'tmpfs', disk]);
    mounted = disk;
    await mkdir(join(disk, 'data'));
    let filled!: () => void;
    const diskFull = new Promise<void>((resolve) => (filled = resolve));
    rig = await startHostileRig({
      dataDir: join(disk, 'data'),
      config: { records: [{ method: 'POST', path: '/api/students', type: 'student', name: '{body.firstName}' }] },
      // The intent is on disk when the portal sees the request; the disk fills before the portal answers.
      handler: (req, res) => {
        if (req.method !== 'POST') return void res.writeHead(200, { 'content-type': 'application/json' }).end('{"ok":true}');
        return fill(disk).then(() => {
          res.writeHead(201, { 'content-type': 'application/json' }).end('{"id":"s1"}');
          filled();
        });
      },
    });
    const held = sendRaw(rig.url, '/api/students', { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"firstName":"Ada"}' });
    let answered = false;
    // Its failure, if any, is seen where the test awaits `held`.
    held.then(
      () => (answered = true),
      () => undefined,
    );
    await diskFull;
    await expect.poll(() => rig!.store.writable(), { timeout: 5000 }).toBe(false);

    // Meanwhile: new changes are refused before the portal, reads flow, the first answer waits.
    const portalSaw = rig.upstream.received.length;
    const refused = await sendRaw(rig.url, '/api/students', { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"firstName":"Bob"}' });
    expect(refused.status).toBe(503);
    expect(refused.json().error).toMatch(/audit log/);
    expect((await sendRaw(rig.url, '/api/students/1')).status).toBe(200);
    expect(rig.upstream.received.length).toBe(portalSaw + 1);
    expect(answered).toBe(false);

    await rm(join(disk, 'filler'));
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
