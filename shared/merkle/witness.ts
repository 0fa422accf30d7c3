import { verifyCheckpoint, type Checkpoint, type Ed25519Verify, type VerifierKey } from './checkpoint-note.ts';
import { fromHex, verifyConsistency, type Sha256 } from './hashing.ts';

export interface WitnessDeps {
  sha256: Sha256;
  ed25519Verify: Ed25519Verify;
  /** Fetches the RFC 9162 consistency proof (hex hashes) from the tree of `from` to the tree of `to`. */
  consistencyProof: (from: number, to: number) => Promise<string[]>;
}

export type WitnessResult =
  | { ok: true; checkpoint: Checkpoint; grew: number }
  | {
      ok: false;
      /** One sentence for people: "The log was rewritten after <time>: N entries up to #K are no longer what this witness saw". */
      reason: string;
      /** Both checkpoints and the proof, to copy and hand on. */
      evidence: { kept: string; current: string; proof: string[] | null };
    };

/**
 * A witness's check, in the extension and in `portal-audit witness`: the current checkpoint must be
 * signed by the pinned key, and the log it describes must extend the checkpoint kept from last time
 * (an RFC 9162 consistency proof). Anything else means history this witness saw was rewritten or cut.
 */
export async function checkExtends(deps: WitnessDeps, key: VerifierKey, keptText: string, currentText: string, who = 'this witness'): Promise<WitnessResult> {
  const kept = await verifyCheckpoint(deps, keptText, key);
  const failed = (reason: string, proof: string[] | null = null): WitnessResult => ({ ok: false, reason, evidence: { kept: keptText, current: currentText, proof } });
  const after = kept.time ?? `the checkpoint of ${kept.size} entries`;
  const rewritten = `The log was rewritten after ${after}: ${kept.size} entries up to #${kept.size} are no longer what ${who} saw`;
  let current: Checkpoint;
  try {
    current = await verifyCheckpoint(deps, currentText, key);
  } catch (err) {
    return failed(`The log's current checkpoint is not signed by the key pinned earlier (${(err as Error).message})`);
  }
  if (current.size < kept.size) return failed(`${rewritten} (the log now has ${current.size} entries: entries ${current.size + 1}–${kept.size} were cut)`);
  const proof = current.size === kept.size ? [] : await deps.consistencyProof(kept.size, current.size);
  const valid = await verifyConsistency(deps.sha256, kept.size, current.size, proof.map(fromHex), kept.root, current.root);
  return valid ? { ok: true, checkpoint: current, grew: current.size - kept.size } : failed(rewritten, proof);
}
