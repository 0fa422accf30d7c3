import { open, readFile, truncate, type FileHandle } from 'node:fs/promises';
import { join } from 'node:path';
import { checkpointBody } from '../../../shared/merkle/checkpoint-note.ts';
import { writeFileAtomic } from '../../fs/atomic-write.ts';
import type { RetentionCheckpoint } from '../store.ts';
import type { Signer } from './signing-key.ts';
import { buildStoredTree, rewriteNotice, signedRootMatches, type Rewrite } from './stored-tree.ts';
import { leafHashOf, MerkleTree } from './tree.ts';

/** Every leaf hash ever appended, 32 bytes each: the tree can be rebuilt after retention removed entries. */
export const LEAVES_FILE = 'tree-leaves.bin';
/** The newest signed checkpoint (C2SP signed note). */
export const CHECKPOINT_FILE = 'checkpoint';

export interface SignedCheckpoint {
  text: string;
  size: number;
  /** Milliseconds since the epoch when it was signed. */
  signedAt: number;
}

export interface TreeLogOptions {
  dataDir: string;
  signer: Signer;
  /** Clock for the `time` line. Default `() => new Date()`. */
  now?: () => Date;
  /** Longest wait between the first unsigned entry and a checkpoint covering it. Default 1000 ms. */
  checkpointEveryMs?: number;
  /** Told when the log is shorter than the tree it had. Default console.warn. */
  onNotice?: (message: string) => void;
}

/** The writer's Merkle tree over the log and its signed checkpoints. */
export type TreeLog = ReturnType<typeof createTreeLog>;

/** What a store's Merkle tree offers its readers (the checkpoint and proof routes), whatever the driver. */
export interface Transparency {
  /** Holds at least the leaves `latest()` signs. */
  tree: MerkleTree;
  publicKey: { verifierKey: string; fingerprint: string };
  latest(): SignedCheckpoint | null;
  /** Signs the tree as it is then; `extensions` are extra signed lines (a retention statement). */
  sign(extensions?: readonly string[]): Promise<SignedCheckpoint>;
  /** Where the stored log disagrees with the leaves saved as it was appended (its first bad entry), or null; a driver that cannot tell has none. */
  rewritten?(): Rewrite | null;
}

/** The C2SP signed note of the first `tree.size` leaves, with a `time` line and `extensions`. */
export function signTree(signer: Signer, tree: MerkleTree, at: Date, extensions: readonly string[]): SignedCheckpoint {
  const body = checkpointBody(signer.name, tree.size, tree.root(), [`time ${at.toISOString()}`, ...extensions]);
  const signature = Buffer.concat([signer.key.keyId, signer.sign(Buffer.from(body))]).toString('base64');
  return { text: `${body}\n\u2014 ${signer.name} ${signature}\n`, size: tree.size, signedAt: at.getTime() };
}

export function createTreeLog({ dataDir, signer, now = () => new Date(), checkpointEveryMs = 1000, onNotice = (m) => console.warn(m) }: TreeLogOptions) {
  const tree = new MerkleTree();
  const leavesPath = join(dataDir, LEAVES_FILE);
  let leaves: FileHandle | null = null;
  let writing: Promise<unknown> = Promise.resolve();
  let latest: SignedCheckpoint | null = null;
  let timer: NodeJS.Timeout | null = null;
  let signing: Promise<unknown> = Promise.resolve();
  let rewritten: Rewrite | null = null;

  function writeLeaves(data: Buffer): void {
    const file = leaves;
    if (!file) return;
    // Ordered; a failed write is redone from the log at the next start, so it is told, not fatal.
    writing = writing.then(() => file.write(data)).catch((err) => onNotice(`Could not save Merkle leaves: ${(err as Error).message}`));
  }

  // Replaced whole; the folder is not synced: a checkpoint lost to a power cut is signed again from the leaves.
  const writeCheckpoint = (text: string) => writeFileAtomic(join(dataDir, CHECKPOINT_FILE), text, { syncFolder: false });

  /** Signs the tree as it is then; `extensions` are extra signed lines (a retention statement). One signing at a time, in order. */
  function sign(extensions: readonly string[] = []): Promise<SignedCheckpoint> {
    if (timer) clearTimeout(timer);
    timer = null;
    const next = signing.then(() => signNow(extensions));
    signing = next.catch(() => undefined);
    return next;
  }

  async function signNow(extensions: readonly string[]): Promise<SignedCheckpoint> {
    const signed = signTree(signer, tree, now(), extensions);
    await writeCheckpoint(signed.text);
    latest = signed;
    return signed;
  }

  function schedule(): void {
    if (timer || latest?.size === tree.size) return;
    const wait = Math.max(0, (latest?.signedAt ?? 0) + checkpointEveryMs - now().getTime());
    timer = setTimeout(() => void sign().catch((err) => onNotice(`Could not sign a checkpoint: ${(err as Error).message}`)), wait);
    timer.unref();
  }

  return {
    tree,
    /** The verifier key and its short fingerprint, as printed at start and served with each checkpoint. */
    publicKey: { verifierKey: signer.verifierKey, fingerprint: signer.fingerprint },
    latest: () => latest,
    sign,
    /**
     * Builds the tree from the log on disk, checked against tree-leaves.bin (buildStoredTree); lines
     * past the saved leaves (a crash before they were saved, or a first start) are added to the file.
     * On a rewrite the file is left untouched from then on: it is the record of what was appended, and
     * `verify` names the first bad entry from it.
     */
    async open({ retention, eachLine }: { retention: RetentionCheckpoint | null; eachLine: (onLine: (line: Buffer) => void) => Promise<void> }): Promise<void> {
      const saved = await readFile(leavesPath).catch((err: NodeJS.ErrnoException) => (err.code === 'ENOENT' ? Buffer.alloc(0) : Promise.reject(err)));
      const count = Math.floor(saved.length / 32);
      const built = await buildStoredTree({ tree, retention, key: signer.key, saved, savedIn: LEAVES_FILE, eachLine });
      rewritten = built.rewritten;
      latest = await readFile(join(dataDir, CHECKPOINT_FILE), 'utf8').then(
        (text) => ({ text, size: Number(text.split('\n')[1]), signedAt: 0 }),
        () => null,
      );
      if (rewritten) onNotice(rewriteNotice(rewritten, LEAVES_FILE));
      // A full or read-only disk must not stop the start: the tree is whole in memory, and what could
      // not be saved now is redone from the log at the next start.
      try {
        if (!rewritten) {
          if (count * 32 !== saved.length) await truncate(leavesPath, count * 32);
          leaves = await open(leavesPath, 'a');
          if (built.fresh.length > 0) writeLeaves(Buffer.concat(built.fresh));
        }
        if (!latest || latest.size !== tree.size || !signedRootMatches(latest.text, tree)) await sign();
      } catch (err) {
        onNotice(`Could not save the Merkle tree or sign a checkpoint now: ${(err as Error).message}`);
      }
    },
    /** Why the log disagrees with its saved tree (the first bad entry), or null: retention must not remove the evidence. */
    rewritten: () => rewritten,
    /** Adds durable lines (without newlines) in seq order and makes sure a checkpoint follows within a second. */
    append(lines: readonly Buffer[]): void {
      const hashes = lines.map((line) => leafHashOf(line));
      for (const hash of hashes) tree.append(hash);
      writeLeaves(Buffer.concat(hashes));
      schedule();
    },
    /** Waits for the saved leaves to reach the tree and makes them durable: retention needs them before deleting entries. */
    async syncLeaves(): Promise<void> {
      await writing;
      await leaves?.sync();
    },
    async close(): Promise<void> {
      if (latest?.size !== tree.size && leaves) await sign().catch((err) => onNotice(`Could not sign a checkpoint: ${(err as Error).message}`));
      if (timer) clearTimeout(timer);
      await signing;
      await writing;
      await leaves?.close();
      leaves = null;
    },
  };
}
