import { verifyCheckpoint, type Checkpoint, type VerifierKey } from '../../shared/merkle/checkpoint-note.ts';
import { nodeCrypto } from './merkle/node-crypto.ts';
import type { Transparency } from './merkle/tree-log.ts';
import { prematureRemoval, retentionStatement, type RetentionFacts } from './retention-statement.ts';
import type { RetentionCheckpoint } from './store.ts';

/** A removal retention.json states and proves: signed by the log's key, and due when it ran. */
export interface ProvenRemoval {
  facts: RetentionFacts;
  checkpoint: Checkpoint;
  /** The log entry that records the run. */
  entrySeq: number;
}

/**
 * Checks that retention.json proves its removal, or says why it does not. The same check runs in
 * `verify` and when the writer opens its tree: an unproven removal must not pass as history.
 */
export async function provenRemoval(cut: RetentionCheckpoint, key: VerifierKey | null): Promise<ProvenRemoval | string> {
  const { lastRemoved, prunedThrough, prunedAt, retentionDays, entrySeq, checkpoint: text } = cut;
  if (retentionDays === undefined || entrySeq === undefined || text === undefined) return 'retention.json carries no signed checkpoint (forged, or written by a version before signed retention)';
  if (!key) return "retention.json's checkpoint cannot be checked: no public key (give --public-key)";
  let checkpoint: Checkpoint;
  try {
    checkpoint = await verifyCheckpoint(nodeCrypto, text, key);
  } catch (err) {
    return `retention.json's checkpoint: ${(err as Error).message}`;
  }
  const facts: RetentionFacts = { lastRemoved, prunedThrough, prunedAt, retentionDays };
  if (!checkpoint.extensions.includes(`${retentionStatement(facts)} entry ${entrySeq}`)) return 'retention.json does not match the removal its signed checkpoint states';
  return prematureRemoval(facts) ?? { facts, checkpoint, entrySeq };
}

/** The tree that will sign a removal's proof; throws why nothing may be removed when there is none or the log was rewritten (the evidence must stay). */
export function removalSigner<T extends Transparency>(tree: T | null): T {
  if (!tree) throw new Error('retention removed nothing: the log has no signing key to prove the removal with');
  const rewritten = tree.rewritten?.();
  if (rewritten) throw new Error(`retention removed nothing: the log was changed where it is stored (${rewritten.reason}), and removing entries would remove the evidence`);
  return tree;
}
