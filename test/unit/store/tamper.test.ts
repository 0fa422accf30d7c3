import { copyFile, readdir, readFile, rm, unlink, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadSigner } from '../../../proxy/store/merkle/signing-key.ts';
import { loadTrust } from '../../../proxy/store/merkle/trust.ts';
import { verifyLog } from '../../../proxy/store/verify.ts';
import { logOverDays, openStore, scratchDataDir, verifyDir } from '../../helpers/temp-store.ts';
import { rewriteLog } from '../../helpers/rewrite-log.ts';
import { checkpointBody } from '../../../shared/merkle/checkpoint-note.ts';
import { retentionStatement } from '../../../proxy/store/retention-statement.ts';

const DAYS = ['2026-06-01', '2026-06-02', '2026-06-03'];

/**
 * A log of four entries on each of three days, as an admin would have seen it: the checkpoint and the
 * public key they kept elsewhere are copied out of the data folder before anything is tampered with.
 */
async function seenLog() {
  const dataDir = await scratchDataDir();
  const outside = await scratchDataDir();
  const { written, now } = await logOverDays(dataDir, DAYS, { perDay: 4, time: '09:00:00.000Z' });
  const keptCheckpoint = await readFile(join(dataDir, 'checkpoint'), 'utf8');
  const publicKeyFile = join(outside, 'log-key.pub');
  await copyFile(join(dataDir, 'log-key.pub'), publicKeyFile);
  return { dataDir, written, keptCheckpoint, publicKeyFile, now };
}

async function segmentsOf(dataDir: string): Promise<string[]> {
  return (await readdir(join(dataDir, 'log'))).sort();
}

const editLines = (dataDir: string, edit: (lines: string[]) => void, options: { rechainFrom?: number } = {}) => rewriteLog(dataDir, edit, options);
const resign = (dataDir: string, now: () => Date) => rewriteLog(dataDir, () => undefined, { resign: true, now });

/** Verify with the trust an admin has: the folder's own key, or a key and checkpoint kept elsewhere. */
const verifyTrusted = async (dataDir: string, { checkpoint, publicKeyFile }: { checkpoint?: string; publicKeyFile?: string } = {}) =>
  verifyDir(dataDir, { checkpoint, trust: await loadTrust(dataDir, { publicKeyFile }) });

describe('tampering with the log is detected and named', () => {
  it('an untouched log verifies against its own checkpoint and one kept elsewhere', async () => {
    const { dataDir, keptCheckpoint, publicKeyFile } = await seenLog();
    expect(await verifyTrusted(dataDir)).toMatchObject({ ok: true, checked: 12, signed: { size: 12 } });
    expect(await verifyTrusted(dataDir, { checkpoint: keptCheckpoint, publicKeyFile })).toMatchObject({ ok: true, kept: { size: 12 } });
    const forged = keptCheckpoint.replace(/\n12\n/, '\n11\n');
    expect((await verifyTrusted(dataDir, { checkpoint: forged, publicKeyFile })).firstBad!.reason).toMatch(/kept checkpoint: the signature .* does not verify/);
  });

  it('an edited field, with every hash after it recomputed: verify names the entry, verify --checkpoint the rewrite', async () => {
    const { dataDir, keptCheckpoint, publicKeyFile, now } = await seenLog();
    await editLines(dataDir, (lines) => (lines[4] = lines[4]!.replace(/"member":"[^"]*"/, '"member":"Someone Else"')), { rechainFrom: 4 });
    expect((await verifyTrusted(dataDir)).firstBad).toEqual({ seq: 5, reason: expect.stringMatching(/entry 5 is not what was appended/) });
    await resign(dataDir, now);
    expect((await verifyTrusted(dataDir, { checkpoint: keptCheckpoint, publicKeyFile })).firstBad).toEqual({
      seq: 12,
      reason: expect.stringMatching(/rewritten: entries up to 12 no longer hash to the root of the kept checkpoint signed at 2026-06-03/),
    });
  });

  it('a deleted, a swapped and an inserted line, each with all hashes recomputed', async () => {
    for (const edit of [
      (lines: string[]) => lines.splice(6, 1),
      (lines: string[]) => ([lines[6], lines[7]] = [lines[7]!, lines[6]!]),
      (lines: string[]) => lines.splice(6, 0, lines[6]!.replace(/"member":"[^"]*"/, '"member":"Inserted"')),
    ]) {
      const { dataDir, keptCheckpoint, publicKeyFile, now } = await seenLog();
      await editLines(dataDir, edit, { rechainFrom: 6 });
      expect((await verifyTrusted(dataDir)).firstBad).toEqual({ seq: 7, reason: expect.stringMatching(/entry 7 is not what was appended/) });
      await resign(dataDir, now);
      expect((await verifyTrusted(dataDir, { checkpoint: keptCheckpoint, publicKeyFile })).ok).toBe(false);
    }
  });

  it('the newest entries cut off: verify and verify --checkpoint name the missing range', async () => {
    const { dataDir, keptCheckpoint, publicKeyFile } = await seenLog();
    await editLines(dataDir, (lines) => lines.splice(-3, 3));
    expect((await verifyTrusted(dataDir)).firstBad).toEqual({
      seq: 10,
      reason: expect.stringMatching(/entries 10–12 are missing: the newest signed checkpoint signed at .* covers 12 entries, the log ends at 9/),
    });
    await Promise.all(['checkpoint', 'tree-leaves.bin'].map((f) => unlink(join(dataDir, f))));
    expect((await verifyTrusted(dataDir, { checkpoint: keptCheckpoint, publicKeyFile })).firstBad).toEqual({
      seq: 10,
      reason: expect.stringMatching(/entries 10–12 are missing: the kept checkpoint/),
    });
  });

  it('a whole day deleted: the middle one is a missing range, the newest one a cut end', async () => {
    const middle = await seenLog();
    await rm(join(middle.dataDir, 'log', `${DAYS[1]}.jsonl`));
    expect((await verifyTrusted(middle.dataDir)).firstBad).toEqual({ seq: 5, reason: expect.stringMatching(/entries 5–8 are missing/) });
    const newest = await seenLog();
    await rm(join(newest.dataDir, 'log', `${DAYS[2]}.jsonl`));
    expect((await verifyTrusted(newest.dataDir, { checkpoint: newest.keptCheckpoint, publicKeyFile: newest.publicKeyFile })).firstBad).toEqual({
      seq: 9,
      reason: expect.stringMatching(/entries 9–12 are missing/),
    });
  });

  it('a duplicate key is named by verify and by verify --checkpoint', async () => {
    const { dataDir, keptCheckpoint, publicKeyFile } = await seenLog();
    await editLines(dataDir, (lines) => (lines[2] = lines[2]!.replace(/"member":/, '"member":"Forged","member":')));
    expect((await verifyTrusted(dataDir)).firstBad).toEqual({ seq: 3, reason: expect.stringMatching(/not in canonical form/) });
    expect((await verifyTrusted(dataDir, { checkpoint: keptCheckpoint, publicKeyFile })).firstBad).toEqual({ seq: 3, reason: expect.stringMatching(/not in canonical form/) });
  });
});

describe('retention cannot be forged', () => {
  it('total erasure: every segment deleted and a retention.json naming the newest entry fails, with or without its fingerprint', async () => {
    const { dataDir, written, keptCheckpoint, publicKeyFile } = await seenLog();
    for (const s of await segmentsOf(dataDir)) await rm(join(dataDir, 'log', s));
    const newest = written.at(-1)!;
    await writeFile(
      join(dataDir, 'retention.json'),
      JSON.stringify({ lastRemoved: { seq: newest.seq, hash: newest.hash }, firstKeptSeq: newest.seq + 1, prunedThrough: DAYS[2], prunedAt: new Date().toISOString() }),
    );
    const result = await verifyTrusted(dataDir);
    expect(result.ok).toBe(false);
    expect(result.firstBad).toEqual({ seq: 1, reason: expect.stringMatching(/entries 1–12 are gone, but retention.json carries no signed checkpoint/) });
    const store = await openStore(dataDir, { readOnly: true });
    expect((await verifyLog(store, { fingerprint: `${newest.seq}:${newest.hash}`, trust: await loadTrust(dataDir) })).ok).toBe(false);
    await store.close();
    expect((await verifyTrusted(dataDir, { checkpoint: keptCheckpoint, publicKeyFile })).ok).toBe(false);
  });

  it('premature deletion: a 3-day-old day removed with retentionDays 730 fails, even with a checkpoint signed by the stolen key', async () => {
    const { dataDir, written } = await seenLog();
    await rm(join(dataDir, 'log', `${DAYS[0]}.jsonl`));
    const cut = written[3]!;
    const facts = { lastRemoved: { seq: 4, hash: cut.hash }, prunedThrough: DAYS[0]!, prunedAt: '2026-06-04T09:00:00.000Z', retentionDays: 730 };
    await writeFile(join(dataDir, 'retention.json'), JSON.stringify({ lastRemoved: facts.lastRemoved, firstKeptSeq: 5, prunedThrough: facts.prunedThrough, prunedAt: facts.prunedAt }));
    expect((await verifyTrusted(dataDir)).firstBad).toEqual({ seq: 1, reason: expect.stringMatching(/entries 1–4 are gone, but retention.json carries no signed checkpoint/) });

    // The insider signs a statement with the log's own key: the dates still give it away.
    const signer = await loadSigner({ dataDir });
    const body = checkpointBody(signer.name, 12, Buffer.alloc(32), [`time ${facts.prunedAt}`, `${retentionStatement(facts)} entry 12`]);
    const text = `${body}\n\u2014 ${signer.name} ${Buffer.concat([signer.key.keyId, signer.sign(Buffer.from(body))]).toString('base64')}\n`;
    await writeFile(join(dataDir, 'retention.json'), JSON.stringify({ ...facts, firstKeptSeq: 5, entrySeq: 12, checkpoint: text }));
    expect((await verifyTrusted(dataDir)).firstBad).toEqual({
      seq: 1,
      reason: expect.stringMatching(/entries 1–4 \(through 2026-06-01\) were removed on 2026-06-04 when only 3 day\(s\) old, but retentionDays was 730: removed before they were due/),
    });
  });

  it('a retention.json signed by another key is refused', async () => {
    const { dataDir, written } = await seenLog();
    const other = await scratchDataDir();
    const signer = await loadSigner({ dataDir: other });
    await rm(join(dataDir, 'log', `${DAYS[0]}.jsonl`));
    const facts = { lastRemoved: { seq: 4, hash: written[3]!.hash }, prunedThrough: DAYS[0]!, prunedAt: '2028-06-04T09:00:00.000Z', retentionDays: 730 };
    const body = checkpointBody(signer.name, 12, Buffer.alloc(32), [`${retentionStatement(facts)} entry 12`]);
    const text = `${body}\n\u2014 ${signer.name} ${Buffer.concat([signer.key.keyId, signer.sign(Buffer.from(body))]).toString('base64')}\n`;
    await writeFile(join(dataDir, 'retention.json'), JSON.stringify({ ...facts, firstKeptSeq: 5, entrySeq: 12, checkpoint: text }));
    expect((await verifyTrusted(dataDir)).firstBad).toEqual({ seq: 1, reason: expect.stringMatching(/not signed by the log's key/) });
  });
});
