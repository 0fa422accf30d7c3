import { describe, expect, it } from 'vitest';
import { createGroupCommit } from '../../../proxy/store/group-commit.ts';

/** A flush that records each batch and waits until the test lets it finish. */
function heldFlush() {
  const batches: number[][] = [];
  const releases: Array<(err?: Error) => void> = [];
  const flush = (items: number[]) => {
    batches.push(items);
    return new Promise<void>((resolve, reject) => releases.push((err) => (err ? reject(err) : resolve())));
  };
  return { flush, batches, release: (err?: Error) => releases.shift()!(err) };
}

describe('createGroupCommit', () => {
  it('puts items submitted in the same tick into one flush', async () => {
    const batches: number[][] = [];
    const commit = createGroupCommit<number>({ flush: async (items) => void batches.push(items) });
    await Promise.all([commit.submit(1), commit.submit(2), commit.submit(3)]);
    expect(batches).toEqual([[1, 2, 3]]);
  });

  it('runs one flush at a time, in order: items that arrive during a flush share the next one', async () => {
    const held = heldFlush();
    const commit = createGroupCommit<number>({ flush: held.flush });
    const first = commit.submit(1);
    await expect.poll(() => held.batches.length).toBe(1);
    const later = [commit.submit(2), commit.submit(3)];
    // A turn of the event loop later (a flush would start in it) still one flush running: the second waits for it.
    await new Promise((resolve) => setImmediate(resolve));
    expect(held.batches).toEqual([[1]]);
    held.release();
    await first;
    await expect.poll(() => held.batches.length).toBe(2);
    held.release();
    await Promise.all(later);
    expect(held.batches).toEqual([[1], [2, 3]]);
  });

  it('fails every item of a failed batch, and only those', async () => {
    const held = heldFlush();
    const commit = createGroupCommit<number>({ flush: held.flush });
    const failing = [commit.submit(1), commit.submit(2)];
    await expect.poll(() => held.batches.length).toBe(1);
    const next = commit.submit(3);
    held.release(new Error('disk full'));
    await expect(failing[0]).rejects.toThrow('disk full');
    await expect(failing[1]).rejects.toThrow('disk full');
    await expect.poll(() => held.batches.length).toBe(2);
    held.release();
    await expect(next).resolves.toBeUndefined();
  });

  it('waits windowMs for more items before flushing', async () => {
    const batches: number[][] = [];
    const commit = createGroupCommit<number>({ flush: async (items) => void batches.push(items), windowMs: 30 });
    const first = commit.submit(1);
    // A later tick, still inside the window: same batch.
    await new Promise((resolve) => setImmediate(resolve));
    const second = commit.submit(2);
    await Promise.all([first, second]);
    expect(batches).toEqual([[1, 2]]);
  });

  it('drain resolves once everything submitted so far is flushed, failed ones included', async () => {
    const held = heldFlush();
    const commit = createGroupCommit<number>({ flush: held.flush });
    const failing = commit.submit(1).catch((err: Error) => err.message);
    let drained = false;
    const draining = commit.drain().then(() => (drained = true));
    await expect.poll(() => held.batches.length).toBe(1);
    expect(drained).toBe(false);
    held.release(new Error('no'));
    await draining;
    expect(await failing).toBe('no');
    await expect(commit.drain()).resolves.toBeUndefined();
  });
});
