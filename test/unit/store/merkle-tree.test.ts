import { createHash } from 'node:crypto';
import fc from 'fast-check';
import { expect, it } from 'vitest';
import { leafHash, nodeHash, verifyConsistency, verifyInclusion } from '../../../shared/merkle/hashing.ts';
import { leafHashOf, MerkleTree } from '../../../proxy/store/merkle/tree.ts';

const sha256 = (data: Uint8Array) => createHash('sha256').update(data).digest();

/** RFC 9162's MTH written straight from its definition, to check the stored-levels tree against. */
async function mth(leaves: Uint8Array[]): Promise<Uint8Array> {
  if (leaves.length === 0) return sha256(new Uint8Array());
  if (leaves.length === 1) return leafHash(sha256, leaves[0]!);
  let k = 1;
  while (k * 2 < leaves.length) k *= 2;
  return nodeHash(sha256, await mth(leaves.slice(0, k)), await mth(leaves.slice(k)));
}

function treeOf(lines: string[]): MerkleTree {
  const tree = new MerkleTree();
  for (const line of lines) tree.append(leafHashOf(line));
  return tree;
}

it('computes RFC 9162 roots, and a known vector: the root of the single empty leaf', async () => {
  // RFC 6962 test vector: MTH of one empty leaf is sha256(0x00).
  expect(treeOf(['']).root().toString('hex')).toBe('6e340b9cffb37a989ca544e6bb780a2c78901d3fb33738768511a30617afa01d');
  expect(new MerkleTree().root().toString('hex')).toBe('e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855');
  const lines = Array.from({ length: 37 }, (_, i) => `entry ${i}`);
  const tree = treeOf(lines);
  for (const n of [1, 2, 3, 5, 8, 13, 16, 31, 37]) expect(tree.root(n)).toEqual(Buffer.from(await mth(lines.slice(0, n).map((l) => Buffer.from(l)))));
});

it('inclusion and consistency proofs verify for every pair of sizes, and fail for a changed leaf', async () => {
  await fc.assert(
    fc.asyncProperty(fc.integer({ min: 1, max: 70 }), fc.nat(), fc.nat(), async (size, a, b) => {
      const lines = Array.from({ length: size }, (_, i) => `line ${i}`);
      const tree = treeOf(lines);
      const to = 1 + (a % size);
      const from = b % (to + 1);
      const index = b % to;
      expect(await verifyInclusion(sha256, index, to, leafHashOf(lines[index]!), tree.inclusionProof(index, to), tree.root(to))).toBe(true);
      expect(await verifyInclusion(sha256, index, to, leafHashOf('forged'), tree.inclusionProof(index, to), tree.root(to))).toBe(false);
      expect(await verifyConsistency(sha256, from, to, tree.consistencyProof(from, to), tree.root(from), tree.root(to))).toBe(true);
      if (from > 0 && from < to) {
        const rewritten = treeOf(lines.map((l, i) => (i === index % from ? `rewritten ${i}` : l)));
        expect(await verifyConsistency(sha256, from, to, rewritten.consistencyProof(from, to), tree.root(from), rewritten.root(to))).toBe(false);
      }
    }),
    { numRuns: 300 },
  );
});
