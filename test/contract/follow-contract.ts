import { afterEach, describe, expect, it } from 'vitest';
import type { DriverStore } from '../../proxy/store/create-store.ts';
import { drafts } from '../helpers/temp-store.ts';
import type { Backing, ContractDriver } from './store-contract.ts';

const upTo = (n: number, from = 1) => Array.from({ length: n - from + 1 }, (_, i) => from + i);

/**
 * watch(signal): what lets a replica's search index see entries it did not write. Run by each
 * driver's contract test file beside the store contract.
 */
export function followContract(name: string, driver: ContractDriver): void {
  describe(`follow contract: ${name}`, () => {
    const open: DriverStore[] = [];
    const backings: Backing[] = [];
    let watching = new AbortController();
    afterEach(async () => {
      watching.abort();
      watching = new AbortController();
      await Promise.all(open.splice(0).map((s) => s.close().catch(() => undefined)));
      await Promise.all(backings.splice(0).map((b) => b.dispose()));
    });
    async function start(backing: Backing, options?: { readOnly?: boolean }): Promise<DriverStore> {
      const store = backing.create(options);
      open.push(store);
      await store.open();
      return store;
    }
    async function fresh(): Promise<Backing> {
      const backing = await driver.backing();
      backings.push(backing);
      return backing;
    }

    it('a read-only follower that watches tells its subscribers what the writer appends, unasked, in order, once', async () => {
      const backing = await fresh();
      const writer = await start(backing);
      await writer.append(drafts(1, { prefix: 'before' })[0]!);
      const follower = await start(backing, { readOnly: true });
      const seen: number[] = [];
      follower.subscribe((entry) => seen.push(entry.seq));
      follower.watch(watching.signal);
      for (const d of drafts(3, { prefix: 'after' })) await writer.append(d);
      await expect.poll(() => seen).toEqual([2, 3, 4]);
      await writer.append(drafts(1, { prefix: 'last' })[0]!);
      await expect.poll(() => seen).toEqual([2, 3, 4, 5]);
      expect(follower.head()).toEqual(writer.head());
    });

    // Only drivers that take several writers have this test (not skipped elsewhere: it does not apply).
    if (driver.sharedWriters)
      it("each of two writers tells its subscribers every entry of both, in seq order without gaps: the other's too", async () => {
        const backing = await fresh();
        const [a, b] = [await start(backing), await start(backing)];
        const seenA: number[] = [];
        const seenB: number[] = [];
        a.subscribe((entry) => seenA.push(entry.seq));
        b.subscribe((entry) => seenB.push(entry.seq));
        a.watch(watching.signal);
        b.watch(watching.signal);
        await Promise.all([...drafts(60, { prefix: 'a' }).map((d) => a.append(d)), ...drafts(60, { prefix: 'b' }).map((d) => b.append(d))]);
        await expect.poll(() => seenA).toEqual(upTo(120));
        await expect.poll(() => seenB).toEqual(upTo(120));
      });
  });
}
