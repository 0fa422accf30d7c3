import { copyFile, readFile, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fetch as nodeFetch } from 'undici';
import { expect, it, onTestFinished } from 'vitest';
import type { Entry } from '../../shared/entry.ts';
import { checkpointBody } from '../../shared/merkle/checkpoint-note.ts';
import { ApiClient } from '../../extension/api/client.ts';
import { checkLog, pinLogKey, type WitnessState, type WitnessStorage } from '../../extension/lib/log-witness.ts';
import { loadSigner } from '../../proxy/store/merkle/signing-key.ts';
import { loadTrust } from '../../proxy/store/merkle/trust.ts';
import { retentionStatement } from '../../proxy/store/retention-statement.ts';
import { startAdminFixture } from '../helpers/admin-api.ts';
import { rewriteLog } from '../helpers/rewrite-log.ts';
import { logOverDays, scratchDataDir, verifyDir } from '../helpers/temp-store.ts';

/**
 * Every tamper of the issue, done the way an insider with the data folder would (tree-leaves.bin and the
 * signed checkpoint left as they were), checked the three ways an admin can: `verify`, `verify --checkpoint`
 * with a checkpoint and key kept elsewhere, and the browser's witness check after the server restarted on
 * the tampered folder. The restart must not erase the evidence: `verify` still names the same entry after it.
 */
const DAYS = ['2026-06-01', '2026-06-02', '2026-06-03'];
const rename = (line: string, name: string) => line.replace(/"member":"[^"]*"/, `"member":"${name}"`);
const edit = (change: (lines: string[]) => void, rechainFrom?: number) => (dataDir: string) => rewriteLog(dataDir, change, { rechainFrom });

/** retention.json for entries 1–4 (the first day), unsigned or signed with the log's own (stolen) key. */
async function forgeRetention(dataDir: string, written: Entry[], signed: boolean): Promise<void> {
  await rm(join(dataDir, 'log', `${DAYS[0]}.jsonl`));
  const facts = { lastRemoved: { seq: 4, hash: written[3]!.hash }, prunedThrough: DAYS[0]!, prunedAt: '2026-06-04T09:00:00.000Z', retentionDays: 730 };
  const plain = { lastRemoved: facts.lastRemoved, firstKeptSeq: 5, prunedThrough: facts.prunedThrough, prunedAt: facts.prunedAt };
  if (!signed) return writeFile(join(dataDir, 'retention.json'), JSON.stringify(plain));
  const signer = await loadSigner({ dataDir });
  const body = checkpointBody(signer.name, 12, Buffer.alloc(32), [`time ${facts.prunedAt}`, `${retentionStatement(facts)} entry 12`]);
  const text = `${body}\n\u2014 ${signer.name} ${Buffer.concat([signer.key.keyId, signer.sign(Buffer.from(body))]).toString('base64')}\n`;
  await writeFile(join(dataDir, 'retention.json'), JSON.stringify({ ...plain, retentionDays: facts.retentionDays, entrySeq: 12, checkpoint: text }));
}

interface Row {
  name: string;
  tamper: (dataDir: string, written: Entry[]) => Promise<void>;
  /** The first bad entry (or the start of the missing range) and why, as verify names it. */
  seq: number;
  reason: RegExp;
}

const rows: Row[] = [
  { name: 'a field edited', tamper: edit((l) => (l[4] = rename(l[4]!, 'Someone Else'))), seq: 5, reason: /entry 5 was altered: its content does not match its hash/ },
  { name: 'a field edited, hashes recomputed', tamper: edit((l) => (l[4] = rename(l[4]!, 'Someone Else')), 4), seq: 5, reason: /entry 5 is not what was appended/ },
  { name: 'a line deleted', tamper: edit((l) => l.splice(6, 1)), seq: 7, reason: /entry 7 is missing: entry 8 comes right after entry 6/ },
  { name: 'a line deleted, hashes recomputed', tamper: edit((l) => l.splice(6, 1), 6), seq: 7, reason: /entry 7 is not what was appended/ },
  { name: 'two lines swapped', tamper: edit((l) => ([l[6], l[7]] = [l[7]!, l[6]!])), seq: 7, reason: /entry 7 is missing: entry 8 comes right after entry 6/ },
  { name: 'two lines swapped, hashes recomputed', tamper: edit((l) => ([l[6], l[7]] = [l[7]!, l[6]!]), 6), seq: 7, reason: /entry 7 is not what was appended/ },
  { name: 'a line inserted', tamper: edit((l) => l.splice(6, 0, rename(l[6]!, 'Inserted'))), seq: 7, reason: /entry 7 was altered/ },
  { name: 'a line inserted, hashes recomputed', tamper: edit((l) => l.splice(6, 0, rename(l[6]!, 'Inserted')), 6), seq: 7, reason: /entry 7 is not what was appended/ },
  { name: 'a duplicate key', tamper: edit((l) => (l[2] = l[2]!.replace(/"member":/, '"member":"Forged","member":'))), seq: 3, reason: /not in canonical form/ },
  { name: 'the newest entries cut off', tamper: edit((l) => l.splice(-3, 3)), seq: 10, reason: /entries 10–12 are missing/ },
  { name: 'the middle day deleted', tamper: (d) => rm(join(d, 'log', `${DAYS[1]}.jsonl`)), seq: 5, reason: /entries 5–8 are missing/ },
  { name: 'the newest day deleted', tamper: (d) => rm(join(d, 'log', `${DAYS[2]}.jsonl`)), seq: 9, reason: /entries 9–12 are missing/ },
  { name: 'a forged retention checkpoint', tamper: (d, w) => forgeRetention(d, w, false), seq: 1, reason: /entries 1–4 are gone, but retention.json carries no signed checkpoint/ },
  {
    name: 'a premature retention checkpoint signed with the stolen key',
    tamper: (d, w) => forgeRetention(d, w, true),
    seq: 1,
    reason: /entries 1–4 \(through 2026-06-01\) were removed on 2026-06-04 when only 3 day\(s\) old/,
  },
];

function memoryStorage(): WitnessStorage {
  let state: WitnessState | null = null;
  return { load: async () => state, save: async (next) => void (state = next) };
}

const clientFor = (url: string, token: string) => new ApiClient({ baseUrl: url, token, fetch: nodeFetch as unknown as typeof fetch });

/** The first bad entry verify names, with the folder's own key or with a checkpoint and key kept elsewhere. */
const namedByVerify = async (dataDir: string, kept?: { checkpoint: string; publicKeyFile: string }) =>
  (await verifyDir(dataDir, { checkpoint: kept?.checkpoint, trust: await loadTrust(dataDir, { publicKeyFile: kept?.publicKeyFile }) })).firstBad;

it.each(rows)(
  '$name: named by verify and verify --checkpoint, a red banner in the witnessing browser, and still named after a restart',
  async ({ tamper, seq, reason }) => {
    const dataDir = await scratchDataDir();
    const outside = await scratchDataDir();
    const { written } = await logOverDays(dataDir, DAYS, { perDay: 4, time: '09:00:00.000Z' });
    const publicKeyFile = join(outside, 'log-key.pub');
    await copyFile(join(dataDir, 'log-key.pub'), publicKeyFile);
    const kept = { checkpoint: await readFile(join(dataDir, 'checkpoint'), 'utf8'), publicKeyFile };

    // The browser has seen the log: its key pinned and the checkpoint of 12 entries kept.
    const before = await startAdminFixture({ dataDir });
    const storage = memoryStorage();
    await pinLogKey(clientFor(before.url, before.auditorToken), storage);
    await before.close();

    await tamper(dataDir, written);
    const named = { seq, reason: expect.stringMatching(reason) };
    expect(await namedByVerify(dataDir)).toEqual(named);
    expect(await namedByVerify(dataDir, kept)).toEqual(named);

    await rm(join(dataDir, 'tokens.json'));
    const after = await startAdminFixture({ dataDir });
    onTestFinished(() => after.close());
    const status = await checkLog(clientFor(after.url, after.auditorToken), storage);
    // The proofs show that the history changed; the server's own word says where (the same entry verify names).
    const first = new RegExp(`^entr(y|ies) ${seq}\\b`);
    expect(status).toMatchObject({
      kind: 'rewritten',
      failure: { reason: expect.stringContaining('12 entries up to #12 are no longer what this browser saw'), serverSays: expect.stringMatching(first) },
    });
    await after.close();
    expect(await namedByVerify(dataDir)).toEqual(named);
    expect(await namedByVerify(dataDir, kept)).toEqual(named);
  },
  60_000,
);
