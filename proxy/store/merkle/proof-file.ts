import { z } from 'zod';
import type { Entry } from '../../../shared/entry.ts';
import { formatVerifierKey, parseCheckpoint, parseVerifierKey, verifyCheckpoint, type VerifierKey } from '../../../shared/merkle/checkpoint-note.ts';
import { fromHex, verifyInclusion } from '../../../shared/merkle/hashing.ts';
import { entryLine, parseStrictLine } from '../canonical-line.ts';
import { hashHolds } from '../chain.ts';
import type { Store } from '../store.ts';
import { nodeCrypto, sha256 } from './node-crypto.ts';
import type { Trust } from './trust.ts';
import { leafHashOf, MerkleTree } from './tree.ts';

/** A self-contained inclusion proof: `portal-audit verify-proof` checks it offline, without the server. */
export const ProofFile = z.object({
  format: z.literal('portal-audit-inclusion-proof/1'),
  /** The log's verifier key (name+keyid+base64); compare its fingerprint with the one the log's admins publish. */
  publicKey: z.string(),
  /** The signed checkpoint the proof leads to. */
  checkpoint: z.string(),
  seq: z.number().int().positive(),
  /** The entry's stored line: canonical JSON, the Merkle leaf. */
  line: z.string(),
  /** RFC 9162 inclusion proof of leaf seq − 1 in the checkpoint's tree, hex. */
  proof: z.array(z.string().regex(/^[0-9a-f]{64}$/)),
});
export type ProofFile = z.infer<typeof ProofFile>;

/**
 * Proves entry `seq` against the log's newest signed checkpoint, from the leaves the writer saved:
 * the entry's line must still hash to its saved leaf, so a proof is never made for a rewritten entry.
 */
export async function makeProofFile(store: Store, trust: Trust, seq: number): Promise<ProofFile> {
  if (!trust.key || trust.latest === null || trust.leaves === null) throw new Error('this log has no signed checkpoint yet (start the proxy once)');
  const checkpoint = await verifyCheckpoint(nodeCrypto, trust.latest, trust.key);
  if (seq > checkpoint.size) throw new Error(`entry ${seq} is not covered by the newest checkpoint yet (it covers ${checkpoint.size} entries); try again in a second`);
  if (trust.leaves.length < checkpoint.size * 32) throw new Error('the saved Merkle leaves (tree-leaves.bin) are shorter than the checkpoint: run portal-audit verify');
  const [entry] = await store.getMany([seq]);
  if (!entry || entry.seq !== seq) throw new Error(`entry ${seq} is not in the log${store.retention() ? ' (removed by retention?)' : ''}`);
  const line = entryLine(entry);
  const tree = new MerkleTree();
  for (let i = 0; i < checkpoint.size; i++) tree.append(trust.leaves.subarray(i * 32, (i + 1) * 32));
  if (!tree.leaf(seq - 1).equals(leafHashOf(line))) throw new Error(`entry ${seq} is not what was appended (its line no longer hashes to its saved leaf): run portal-audit verify`);
  if (!tree.root().equals(Buffer.from(checkpoint.root))) throw new Error('the saved Merkle leaves do not match the signed checkpoint: run portal-audit verify');
  const proof = tree.inclusionProof(seq - 1).map((h) => h.toString('hex'));
  const publicKey = await formatVerifierKey(sha256, trust.key.name, trust.key.publicKey);
  return { format: 'portal-audit-inclusion-proof/1', publicKey, checkpoint: trust.latest, seq, line, proof };
}

/** Checks a proof file offline; resolves with the entry and the checkpoint, or throws saying what does not hold. */
export async function checkProofFile(file: unknown, pinned?: VerifierKey): Promise<{ entry: Entry; size: number; time: string | null; key: VerifierKey }> {
  const parsed = ProofFile.safeParse(file);
  // eslint-disable-next-line @typescript-eslint/no-non-null-assertion -- zod's failed safeParse always carries at least one issue
  if (!parsed.success) throw new Error(`not a Portal Audit proof file (${parsed.error.issues[0]!.path.join('.')}: ${parsed.error.issues[0]!.message})`);
  const { publicKey, checkpoint: text, seq, line, proof } = parsed.data;
  const key = pinned ?? (await parseVerifierKey(sha256, publicKey));
  const checkpoint = await verifyCheckpoint(nodeCrypto, text, key);
  const entry = parseStrictLine(line, `entry ${seq}`);
  if (entry.seq !== seq) throw new Error(`the line is entry ${entry.seq}, not entry ${seq}`);
  if (!hashHolds(entry, line)) throw new Error(`entry ${seq} was altered: its content does not match its hash`);
  if (!(await verifyInclusion(sha256, seq - 1, checkpoint.size, leafHashOf(line), proof.map(fromHex), checkpoint.root))) {
    throw new Error(`the proof does not show entry ${seq} in the tree of ${checkpoint.size} entries the checkpoint signs`);
  }
  return { entry, size: parseCheckpoint(text).size, time: checkpoint.time, key };
}
