// Why the log is not one lowdb document: lowdb rewrites the whole file on every write. At 100,000
// entries this measures one lowdb write against one durable segment append (and a group-committed
// burst), in the same run, and prints the ratios. Run: npm run bench:store [-- --entries 100000 --json out.json]
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { Low } from 'lowdb';
import { JSONFile } from 'lowdb/node';
import type { Entry, EntryDraft } from '../../shared/entry.ts';
import { createEntryGenerator } from '../../proxy/dev/generate-entries.ts';
import { createJsonStore } from '../../proxy/store/json/json-store.ts';

const { values } = parseArgs({ options: { entries: { type: 'string', default: '100000' }, writes: { type: 'string', default: '5' }, json: { type: 'string' } } });
const entries = Number(values.entries);
const writes = Number(values.writes);
const dir = await mkdtemp(join(tmpdir(), 'portal-audit-bench-'));
const draftAt = createEntryGenerator({ entries: entries + 1000 });

async function timePerOp(count: number, op: (i: number) => Promise<unknown>): Promise<number> {
  const started = performance.now();
  for (let i = 0; i < count; i++) await op(i);
  return (performance.now() - started) / count;
}

try {
  // Same entries in both: the segment store writes them (bulk), lowdb loads them from that log.
  const store = createJsonStore({ dataDir: join(dir, 'segments') });
  await store.open();
  for (let i = 0; i < entries; i += 5000) await store.appendBulk(Array.from({ length: Math.min(5000, entries - i) }, (_, k) => draftAt(i + k)));
  const all: Entry[] = [];
  for await (const entry of store.readSeq(1)) all.push(entry);
  const db = new Low<{ entries: Entry[] }>(new JSONFile(join(dir, 'lowdb.json')), { entries: all });
  await db.write();

  const lowdbMs = await timePerOp(writes, async (i) => {
    db.data.entries.push({ ...all[i]!, seq: entries + i + 1 });
    await db.write();
  });
  const next = (i: number): EntryDraft => ({ ...draftAt(entries + i), at: new Date().toISOString() });
  const appendMs = await timePerOp(50, (i) => store.append(next(i)));
  const burst = 200;
  const burstStarted = performance.now();
  await Promise.all(Array.from({ length: burst }, (_, i) => store.append(next(100 + i))));
  const burstMs = (performance.now() - burstStarted) / burst;
  await store.close();

  console.log(`store append at ${entries.toLocaleString('en-US')} entries (time per acknowledged write, lower is better)`);
  console.log(`  lowdb whole-document write      ${lowdbMs.toFixed(1).padStart(9)} ms   baseline`);
  console.log(`  segment append, one at a time   ${appendMs.toFixed(2).padStart(9)} ms   ${(lowdbMs / appendMs).toFixed(0)}x faster`);
  console.log(`  segment append, ${burst} at once    ${burstMs.toFixed(3).padStart(9)} ms   ${(lowdbMs / burstMs).toFixed(0)}x faster (group commit)`);
  if (values.json) await writeFile(values.json, `${JSON.stringify({ entries, lowdbMs, appendMs, burst, burstMs })}\n`);
} finally {
  await rm(dir, { recursive: true, force: true });
}
