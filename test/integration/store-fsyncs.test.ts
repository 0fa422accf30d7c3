// What one recorded change costs the disk at concurrency 1, counted rather than timed: the intent is
// synced before forwarding and the entry before the answer, and nothing else may add an fsync (a
// journal synced in a round that wrote nothing to it, or its clearing synced on the answer's path).
import { mkdtemp, open, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { startPortalAudit, type PortalAudit } from '../../proxy/app.ts';
import { parseConfig } from '../../proxy/config/load.ts';
import { createJsonStore, type JsonStore } from '../../proxy/store/json/json-store.ts';
import { FAKE_PORTAL_RULES } from '../helpers/capture-rig.ts';
import { startFakePortal } from '../helpers/fake-portal.ts';

let portal: Awaited<ReturnType<typeof startFakePortal>>;
let store: JsonStore;
let audit: PortalAudit;
let dataDir: string;

// Every fsync of the proxy (journal, segments, checkpoints, keys) goes through FileHandle.sync.
let fsyncs = 0;
const probe = await open(import.meta.filename, 'r');
const handleProto = Object.getPrototypeOf(probe) as { sync: () => Promise<void> };
await probe.close();
const realSync = handleProto.sync;

beforeAll(async () => {
  handleProto.sync = function (this: unknown) {
    fsyncs++;
    return realSync.call(this);
  };
  portal = await startFakePortal();
  dataDir = await mkdtemp(join(tmpdir(), 'pa-fsyncs-'));
  // Checkpoints are signed at most hourly here, so none falls inside the counted requests.
  store = createJsonStore({ dataDir, checkpointEveryMs: 3_600_000, onNotice: () => undefined });
  await store.open();
  const config = parseConfig({ dataDir, portals: [{ listen: '127.0.0.1:0', target: portal.url, source: 'Office Portal' }], admin: { listen: '127.0.0.1:0' }, records: FAKE_PORTAL_RULES });
  audit = await startPortalAudit({ config, store });
});
afterAll(async () => {
  handleProto.sync = realSync;
  await audit?.close();
  await store?.close();
  await portal?.close();
  await rm(dataDir, { recursive: true, force: true });
});

async function post(i: number): Promise<number> {
  const res = await fetch(`${audit.portals[0]!.url}/api/students`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ firstName: `Fsync ${i}`, lastName: 'Count' }),
  });
  await res.arrayBuffer();
  return res.status;
}

it('makes at most two fsyncs per recorded change at concurrency 1: the intent and the entry', async () => {
  // The first change creates the day's segment (and syncs the folder): not the steady state.
  expect(await post(0)).toBe(201);
  const before = fsyncs;
  const changes = 5;
  for (let i = 1; i <= changes; i++) expect(await post(i)).toBe(201);
  expect((fsyncs - before) / changes).toBe(2);
  // Each change still went through a round of its own for the intent and one for the entry.
  const entries = [];
  for await (const entry of store.readSeq(1)) entries.push(entry);
  expect(entries.map((e) => e.records[0]?.name)).toEqual(Array.from({ length: changes + 1 }, (_, i) => `Fsync ${i} Count`));
});
