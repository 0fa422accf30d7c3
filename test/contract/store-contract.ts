import { afterEach, describe, expect, it } from 'vitest';
import { GENESIS_HASH, type Entry } from '../../shared/entry.ts';
import { recomputeHash } from '../../proxy/store/chain.ts';
import type { DriverStore } from '../../proxy/store/create-store.ts';
import { STOPPED_NOTE } from '../../proxy/store/json/recovery.ts';
import { verifyLog } from '../../proxy/store/verify.ts';
import { entryLine } from '../../proxy/store/canonical-line.ts';
import { nodeCrypto, sha256 } from '../../proxy/store/merkle/node-crypto.ts';
import { leafHashOf } from '../../proxy/store/merkle/tree.ts';
import { retentionStatement } from '../../proxy/store/retention-statement.ts';
import { parseVerifierKey, verifyCheckpoint } from '../../shared/merkle/checkpoint-note.ts';
import { verifyConsistency, verifyInclusion } from '../../shared/merkle/hashing.ts';
import { drafts } from '../helpers/temp-store.ts';

/** One empty place for a log (a folder, a database) and a way to build stores over it. */
export interface BackingOptions {
  readOnly?: boolean;
  /** Entries older than this many days are removed at open. */
  retentionDays?: number;
  /** The store's clock. */
  now?: () => Date;
}

export interface Backing {
  /** Stores over one backing share one signing key. */
  create(options?: BackingOptions): DriverStore;
  /** Edits the stored line of entry `seq` where it is kept, as an insider would, leaving the saved Merkle leaves alone. */
  alterStored(seq: number, edit: (line: string) => string): Promise<void>;
  dispose(): Promise<void>;
}

export interface ContractDriver {
  /** A fresh, empty backing. */
  backing(): Promise<Backing>;
  /** Whether two writers may append to one backing at once (the JSON driver's writer lock refuses a second). */
  sharedWriters: boolean;
}

async function all<T>(items: AsyncIterable<T>): Promise<T[]> {
  const out: T[] = [];
  for await (const item of items) out.push(item);
  return out;
}

function expectOneChain(entries: readonly Entry[], count: number): void {
  expect(entries.map((e) => e.seq)).toEqual(Array.from({ length: count }, (_, i) => i + 1));
  let prev = GENESIS_HASH;
  for (const entry of entries) {
    expect(entry.prevHash).toBe(prev);
    expect(recomputeHash(entry)).toBe(entry.hash);
    prev = entry.hash;
  }
}

/**
 * What every store driver must do, run by each driver's own test file against its own backing:
 * the same behaviour whatever holds the log.
 */
export function storeContract(name: string, driver: ContractDriver): void {
  describe(`store contract: ${name}`, () => {
    const open: DriverStore[] = [];
    const backings: Backing[] = [];
    afterEach(async () => {
      await Promise.all(open.splice(0).map((s) => s.close().catch(() => undefined)));
      await Promise.all(backings.splice(0).map((b) => b.dispose()));
    });
    async function fresh(): Promise<Backing> {
      const backing = await driver.backing();
      backings.push(backing);
      return backing;
    }
    async function start(backing: Backing, options?: BackingOptions): Promise<DriverStore> {
      const store = backing.create(options);
      open.push(store);
      await store.open();
      return store;
    }

    it('appends with gap-free seq from 1 and a hash chain from the genesis hash; head, readSeq and verify agree', async () => {
      const store = await start(await fresh());
      expect(store.head()).toEqual({ seq: 0, hash: GENESIS_HASH });
      const appended: Entry[] = [];
      for (const draft of drafts(5)) appended.push(await store.append(draft));
      expectOneChain(appended, 5);
      expect(store.head()).toEqual({ seq: 5, hash: appended[4]!.hash });
      expect(await all(store.readSeq(1))).toEqual(appended);
      expect((await all(store.readStored(1))).map((s) => s.entry)).toEqual(appended);
      const verified = await verifyLog(store);
      expect(verified).toMatchObject({ ok: true, checked: 5, firstBad: null, fingerprint: `5:${appended[4]!.hash}` });
    });

    it('opened again over the same backing, a store has the same head and entries, and its next append continues the chain', async () => {
      const backing = await fresh();
      const first = await start(backing);
      const appended: Entry[] = [];
      for (const draft of drafts(3)) appended.push(await first.append(draft));
      await first.close();
      const again = await start(backing);
      expect(again.head()).toEqual({ seq: 3, hash: appended[2]!.hash });
      expect(await all(again.readSeq(1))).toEqual(appended);
      expect(await again.getMany([3, 1, 99])).toEqual([appended[2], appended[0]]);
      appended.push(await again.append(drafts(1, { prefix: 'later' })[0]!));
      expectOneChain(appended, 4);
    });

    it('reads by seq range, by a list of seqs in the order asked, and by time', async () => {
      const store = await start(await fresh());
      const base = Date.parse('2026-11-02T10:00:00.000Z');
      for (const [i, draft] of drafts(6).entries()) await store.append({ ...draft, at: new Date(base + i * 3_600_000).toISOString() });
      expect((await all(store.readSeq(2, 4))).map((e) => e.seq)).toEqual([2, 3, 4]);
      expect((await store.getMany([5, 1, 99])).map((e) => e.seq)).toEqual([5, 1]);
      const window = await all(store.iterateTime(new Date(base + 3_600_000), new Date(base + 4 * 3_600_000)));
      expect(window.map((e) => e.seq)).toEqual([2, 3, 4]);
    });

    it('tells subscribers each entry once it is durable, in order, until they unsubscribe', async () => {
      const store = await start(await fresh());
      const seen: number[] = [];
      const unsubscribe = store.subscribe((entry) => seen.push(entry.seq));
      await Promise.all(drafts(3).map((d) => store.append(d)));
      unsubscribe();
      await store.append(drafts(1, { prefix: 'later' })[0]!);
      expect(seen).toEqual([1, 2, 3]);
    });

    it('an intent left open becomes one entry with outcome unknown when the store is opened again; an abandoned or appended one does not', async () => {
      const backing = await fresh();
      const first = await start(backing);
      const [forwarded, refused, finished] = drafts(3);
      await first.intend(forwarded!);
      await first.intend(refused!);
      await first.abandon(refused!.requestId);
      await first.intend(finished!);
      await first.append(finished!);
      await first.close();

      const second = await start(backing);
      await expect.poll(() => second.head().seq, { timeout: 10_000 }).toBe(2);
      const entries = await all(second.readSeq(1));
      expect(entries.map((e) => e.requestId)).toEqual([finished!.requestId, forwarded!.requestId]);
      expect(entries[1]).toMatchObject({ outcome: 'unknown', status: null, action: `${forwarded!.action} (${STOPPED_NOTE})` });
      expectOneChain(entries, 2);
      await second.close();

      const third = await start(backing);
      expect(third.head().seq).toBe(2);
    });

    it('concurrent appends from many callers keep one gap-free chain', async () => {
      const store = await start(await fresh());
      const appended = await Promise.all(drafts(200).map((d) => store.append(d)));
      expect(new Set(appended.map((e) => e.seq)).size).toBe(200);
      expectOneChain(await all(store.readSeq(1)), 200);
      expect((await verifyLog(store)).ok).toBe(true);
    });

    it('a read-only follower sees what the writer appended after refresh, and tells its subscribers', async () => {
      const backing = await fresh();
      const writer = await start(backing);
      await writer.append(drafts(1, { prefix: 'before' })[0]!);
      const follower = await start(backing, { readOnly: true });
      expect(follower.head().seq).toBe(1);
      expect(follower.status()).toEqual({ writable: false, reason: 'opened read-only' });
      const seen: number[] = [];
      follower.subscribe((entry) => seen.push(entry.seq));
      for (const d of drafts(2, { prefix: 'after' })) await writer.append(d);
      expect(await follower.refresh()).toBe(2);
      expect(seen).toEqual([2, 3]);
      expect(follower.head()).toEqual(writer.head());
      await expect(follower.append(drafts(1, { prefix: 'ro' })[0]!)).rejects.toThrow(/read-only/);
    });

    it('signs checkpoints over the Merkle tree of the log, proves inclusion and consistency, and verify checks the log against them', async () => {
      const backing = await fresh();
      const store = await start(backing);
      const appended: Entry[] = [];
      for (const d of drafts(3, { prefix: 'early' })) appended.push(await store.append(d));
      const log = store.transparency!()!;
      const early = await log.sign();
      for (const d of drafts(4, { prefix: 'late' })) appended.push(await store.append(d));
      const signed = await log.sign();
      expect(log.latest()?.text).toBe(signed.text);
      const key = await parseVerifierKey(sha256, log.publicKey.verifierKey);
      const [old, now] = [await verifyCheckpoint(nodeCrypto, early.text, key), await verifyCheckpoint(nodeCrypto, signed.text, key)];
      expect([old.size, now.size]).toEqual([3, 7]);
      const leaf = leafHashOf(entryLine(appended[4]!));
      expect(await verifyInclusion(sha256, 4, 7, leaf, log.tree.inclusionProof(4, 7), now.root)).toBe(true);
      expect(await verifyConsistency(sha256, 3, 7, log.tree.consistencyProof(3, 7), old.root, now.root)).toBe(true);

      const trust = await store.trust();
      expect(trust.latest).toBe(signed.text);
      expect(await verifyLog(store, { trust, checkpoint: early.text })).toMatchObject({ ok: true, checked: 7, signed: { size: 7 }, kept: { size: 3 } });
      await store.close();
      // Another store over the same backing serves the same newest checkpoint, and a reader checks against it.
      const reader = await start(backing, { readOnly: true });
      expect((await reader.trust()).latest).toBe(signed.text);
      expect(await verifyLog(reader, { trust: await reader.trust(), checkpoint: early.text })).toMatchObject({ ok: true, signed: { size: 7 } });
      const again = await start(backing);
      expect(again.transparency!()!.latest()?.text).toBe(signed.text);
    });

    it('retention removes the oldest entries behind a signed checkpoint, records the removal as an entry, and verify still passes', async () => {
      const backing = await fresh();
      const writer = await start(backing);
      const old = await writer.appendBulk(drafts(3, { prefix: 'january', at: new Date('2026-01-10T12:00:00.000Z') }));
      await writer.appendBulk(drafts(3, { prefix: 'march', at: new Date('2026-03-10T12:00:00.000Z') }));
      await writer.close();
      // 30 days kept from 03-20: everything of January is older, nothing of March is.
      const prunedAt = '2026-03-20T08:00:00.000Z';
      const store = await start(backing, { retentionDays: 30, now: () => new Date(prunedAt) });
      const cut = store.retention()!;
      expect(cut).toMatchObject({ lastRemoved: { seq: 3, hash: old.hash }, firstKeptSeq: 4, entrySeq: 7, retentionDays: 30, prunedAt });
      expect(cut.prunedThrough >= '2026-01-10' && cut.prunedThrough < '2026-02-18').toBe(true);
      expect((await all(store.readSeq(1))).map((e) => e.seq)).toEqual([4, 5, 6, 7]);
      expect(await store.getMany([1, 3])).toEqual([]);
      const [recorded] = await store.getMany([7]);
      expect(recorded).toMatchObject({ verb: 'retention', at: prunedAt });
      expect(recorded!.records[0]!.changes[0]!.after).toBe(retentionStatement({ ...cut, retentionDays: 30 }));
      const key = await parseVerifierKey(sha256, store.transparency!()!.publicKey.verifierKey);
      expect((await verifyCheckpoint(nodeCrypto, cut.checkpoint!, key)).extensions).toContain(`${retentionStatement({ ...cut, retentionDays: 30 })} entry 7`);
      await store.transparency!()!.sign();
      expect(await verifyLog(store, { trust: await store.trust() })).toMatchObject({ ok: true, checked: 4, retention: { firstSeq: 4, anchor: `3:${old.hash}`, prunedAt } });
      await store.close();
      const reader = await start(backing, { readOnly: true });
      expect(reader.retention()).toEqual(cut);
      expect(await verifyLog(reader, { trust: await reader.trust() })).toMatchObject({ ok: true, checked: 4 });
    });

    it('an entry edited where it is stored is noticed at the next start: the writer names it, keeps recording and signs the tree of the log as it is', async () => {
      const backing = await fresh();
      const writer = await start(backing);
      for (const d of drafts(3)) await writer.append(d);
      const before = await writer.transparency!()!.sign();
      await writer.close();
      await backing.alterStored(2, (line) => line.replace(/"member":"[^"]*"/, '"member":"Someone Else"'));

      const store = await start(backing);
      const log = store.transparency!()!;
      const named = { seq: 2, reason: expect.stringMatching(/^entry 2 is not what was appended/) };
      expect(log.rewritten?.()).toEqual(named);
      expect((await store.append(drafts(1, { prefix: 'after' })[0]!)).seq).toBe(4);
      // Signed over the entries as they are, so a witness of the old checkpoint sees the history change.
      const key = await parseVerifierKey(sha256, log.publicKey.verifierKey);
      const [old, now] = [await verifyCheckpoint(nodeCrypto, before.text, key), await verifyCheckpoint(nodeCrypto, (await log.sign()).text, key)];
      expect(now.size).toBe(4);
      expect(await verifyConsistency(sha256, 3, 4, log.tree.consistencyProof(3, 4), old.root, now.root)).toBe(false);
      expect((await verifyLog(store, { trust: await store.trust() })).firstBad).toMatchObject({ seq: 2 });
      await store.close();
      // The saved leaves stay the record of what was appended: the next start names the same entry.
      expect((await start(backing)).transparency!()!.rewritten?.()).toEqual(named);
    });

    it('retention removes nothing from a log edited where it is stored: the evidence stays', async () => {
      const backing = await fresh();
      const writer = await start(backing);
      await writer.appendBulk(drafts(3, { prefix: 'january', at: new Date('2026-01-10T12:00:00.000Z') }));
      await writer.appendBulk(drafts(3, { prefix: 'march', at: new Date('2026-03-10T12:00:00.000Z') }));
      await writer.close();
      await backing.alterStored(2, (line) => line.replace(/"member":"[^"]*"/, '"member":"Someone Else"'));
      const store = await start(backing, { retentionDays: 30, now: () => new Date('2026-03-20T08:00:00.000Z') });
      expect(store.retention()).toBeNull();
      expect(await store.getMany([1, 3])).toHaveLength(2);
    });

    // Only drivers that take several writers have this test (not skipped elsewhere: it does not apply).
    if (driver.sharedWriters)
      it('two writers on one backing appending at once keep one gap-free chain with no duplicates', async () => {
        const backing = await fresh();
        const [a, b] = [await start(backing), await start(backing)];
        const [fromA, fromB] = await Promise.all([Promise.all(drafts(100, { prefix: 'a' }).map((d) => a.append(d))), Promise.all(drafts(100, { prefix: 'b' }).map((d) => b.append(d)))]);
        const seqs = [...fromA, ...fromB].map((e) => e.seq);
        expect(new Set(seqs).size).toBe(200);
        const entries = await all(a.readSeq(1));
        expectOneChain(entries, 200);
        expect(new Set(entries.map((e) => e.requestId)).size).toBe(200);
        expect((await verifyLog(a)).ok).toBe(true);
        // One log, one newest checkpoint: what a signs, b serves (within its poll), and it covers both writers' entries.
        const signed = await a.transparency!()!.sign();
        expect(signed.size).toBe(200);
        await expect.poll(() => b.transparency!()!.latest()?.text).toBe(signed.text);
        expect(b.transparency!()!.tree.root(200)).toEqual(a.transparency!()!.tree.root(200));
        expect(await verifyLog(b, { trust: await b.trust() })).toMatchObject({ ok: true, signed: { size: 200 } });
      });
  });
}
