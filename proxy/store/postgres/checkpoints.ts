import type pg from 'pg';
import { keyFingerprint, parseVerifierKey, type VerifierKey } from '../../../shared/merkle/checkpoint-note.ts';
import { sha256 } from '../merkle/node-crypto.ts';
import { loadSigner, readVerifierKey, type Signer } from '../merkle/signing-key.ts';
import { signTree, type SignedCheckpoint, type Transparency } from '../merkle/tree-log.ts';
import { buildStoredTree, rewriteNotice, signedRootMatches, type Rewrite } from '../merkle/stored-tree.ts';
import { MerkleTree } from '../merkle/tree.ts';
import type { Trust } from '../merkle/trust.ts';
import type { RetentionCheckpoint } from '../store.ts';
import { singleRow } from './single-row.ts';

/** Leaves read per query when the tree catches up with the database. */
const LEAF_PAGE = 50_000;

export interface PgTreeLogOptions {
  pool: pg.Pool;
  signer: Signer;
  /** Clock for the `time` line. Default `() => new Date()`. */
  now?: () => Date;
  /** How often the database is asked for new entries to sign and for checkpoints other replicas signed. Default 1000 ms. */
  checkpointEveryMs?: number;
  /** Told when this replica's key is not the log's, or the log was changed in the database. Default console.warn. */
  onNotice?: (message: string) => void;
  /** The stored lines from seq `from` through `to`, in seq order. */
  readLines: (from: number, to: number) => AsyncIterable<{ seq: number; line: string }>;
}

export type PgTreeLog = Transparency & { open(retention: RetentionCheckpoint | null): Promise<void>; close(): Promise<void> };

const SAVED_IN = 'merkle_leaves';

/** Every saved leaf from seq `from` through `to`, a page at a time, checked to follow on without a gap. */
async function* leafPages(pool: pg.Pool, from: number, to = Number.MAX_SAFE_INTEGER): AsyncIterable<Buffer[]> {
  let next = from;
  for (;;) {
    const { rows } = await pool.query<{ seq: string; hash: Buffer }>('SELECT seq, hash FROM merkle_leaves WHERE seq >= $1 AND seq <= $2 ORDER BY seq LIMIT $3', [next, to, LEAF_PAGE]);
    for (const row of rows) {
      if (Number(row.seq) !== next) throw new Error(`the Merkle leaf of entry ${next} is missing from merkle_leaves`);
      next++;
    }
    if (rows.length > 0) yield rows.map((row) => row.hash);
    if (rows.length < LEAF_PAGE) return;
  }
}

/** The log's public key as the database records it (set by the first writer that signed), or null. */
async function logKey(pool: pg.Pool): Promise<string | null> {
  const { rows } = await pool.query<{ verifier_key: string }>('SELECT verifier_key FROM log_key');
  return rows[0]?.verifier_key ?? null;
}

/** The saved leaves from entry 1 through `to`, 32 bytes each, in one buffer (one a page while reading: millions of 32-byte buffers would cost far more than their bytes). */
async function savedLeaves(pool: pg.Pool, to?: number): Promise<Buffer> {
  const pages: Buffer[] = [];
  for await (const page of leafPages(pool, 1, to)) pages.push(Buffer.concat(page));
  return Buffer.concat(pages);
}

async function newestCheckpoint(pool: pg.Pool): Promise<{ size: number; text: string } | null> {
  const { rows } = await pool.query<{ size: string; text: string }>('SELECT size, text FROM log_checkpoint');
  return rows[0] ? { size: Number(rows[0].size), text: rows[0].text } : null;
}

/**
 * A writer's Merkle tree over a log in PostgreSQL. The leaves are saved with their entries (same
 * transaction, under the chain head lock), so the tree is the table's prefix: each replica keeps it
 * in memory and reads what other replicas appended. The newest checkpoint lives in one row that every
 * replica serves; whichever replica sees unsigned entries first signs them, with the log's one key.
 */
export function createPgTreeLog({ pool, signer, now = () => new Date(), checkpointEveryMs = 1000, onNotice = (m) => console.warn(m), readLines }: PgTreeLogOptions): PgTreeLog {
  const tree = new MerkleTree();
  let latest: SignedCheckpoint | null = null;
  let canSign = false;
  let rewritten: Rewrite | null = null;
  let timer: NodeJS.Timeout | null = null;
  // Catching up, signing and polling run one at a time, in order.
  let work: Promise<unknown> = Promise.resolve();
  const publicKey = { verifierKey: signer.verifierKey, fingerprint: signer.fingerprint };

  const serial = <T>(run: () => Promise<T>): Promise<T> => {
    const next = work.then(run);
    work = next.catch(() => undefined);
    return next;
  };

  /**
   * At start: the tree of the entries as they are stored through the head, checked against the leaves
   * saved with them (buildStoredTree, as the JSON driver does), so a row edited in the database is
   * found. Leaves are saved in the entries' transaction, so a line without one was changed too.
   */
  async function buildChecked(retention: RetentionCheckpoint | null, key: VerifierKey): Promise<void> {
    const { rows } = await pool.query<{ seq: string }>('SELECT seq FROM chain_head');
    const head = Number(rows[0]?.seq ?? 0);
    const eachLine = async (onLine: (line: string) => void) => {
      for await (const { line } of readLines((retention?.lastRemoved.seq ?? 0) + 1, head)) onLine(line);
    };
    const saved = await savedLeaves(pool, head);
    const built = await buildStoredTree({ tree, retention, key, saved, savedIn: SAVED_IN, eachLine });
    const count = saved.length / 32;
    rewritten = built.rewritten ?? (built.fresh.length > 0 ? { seq: count + 1, reason: `entries ${count + 1}–${tree.size} have no Merkle leaf in ${SAVED_IN}` } : null);
    if (rewritten) onNotice(rewriteNotice(rewritten, SAVED_IN));
  }

  async function catchUp(): Promise<void> {
    for await (const page of leafPages(pool, tree.size + 1)) for (const leaf of page) tree.append(leaf);
  }

  /** Takes in a checkpoint another replica signed, once the tree holds what it signs. */
  async function follow(): Promise<void> {
    const stored = await newestCheckpoint(pool);
    if (!stored || stored.text === latest?.text) return;
    if (stored.size > tree.size) await catchUp();
    latest = { ...stored, signedAt: 0 };
  }

  async function signNow(extensions: readonly string[]): Promise<SignedCheckpoint> {
    if (!canSign) throw new Error("this replica's signing key is not the log's, so it cannot sign");
    await catchUp();
    const signed = signTree(signer, tree, now(), extensions);
    // The larger tree wins when two replicas sign at once; both signatures are valid.
    await pool.query(
      `INSERT INTO log_checkpoint (size, text) VALUES ($1, $2)
       ON CONFLICT (one) DO UPDATE SET size = EXCLUDED.size, text = EXCLUDED.text WHERE log_checkpoint.size <= EXCLUDED.size`,
      [signed.size, signed.text],
    );
    latest = signed;
    return signed;
  }

  async function tick(): Promise<void> {
    const { rows } = await pool.query<{ head: string; signed: string | null }>('SELECT (SELECT seq FROM chain_head) AS head, (SELECT size FROM log_checkpoint) AS signed');
    const row = singleRow(rows, 'the chain head and checkpoint query');
    const head = Number(row.head);
    if (canSign && head > Number(row.signed ?? 0)) await signNow([]);
    else await follow();
  }

  return {
    tree,
    publicKey,
    latest: () => latest,
    sign: (extensions = []) => serial(() => signNow(extensions)),
    rewritten: () => rewritten,
    async open(retention) {
      await pool.query('INSERT INTO log_key (verifier_key) VALUES ($1) ON CONFLICT (one) DO NOTHING', [signer.verifierKey]);
      const key = await logKey(pool);
      canSign = key === signer.verifierKey;
      let verifier = signer.key;
      if (!canSign && key) {
        verifier = await parseVerifierKey(sha256, key);
        Object.assign(publicKey, { verifierKey: key, fingerprint: await keyFingerprint(sha256, verifier.publicKey) });
        onNotice(
          `This replica's signing key (${signer.fingerprint}) is not the log's (${publicKey.fingerprint}): it serves the checkpoints other replicas sign but signs none; give every replica the same key (PORTAL_AUDIT_SIGNING_KEY or signingKeyFile)`,
        );
      }
      await serial(async () => {
        await buildChecked(retention, verifier);
        await catchUp();
        await follow();
        if (canSign && (latest?.size !== tree.size || !signedRootMatches(latest.text, tree))) await signNow([]);
      });
      timer = setInterval(() => void serial(tick).catch((err) => onNotice(`Could not sign or read a checkpoint: ${(err as Error).message}`)), checkpointEveryMs);
      timer.unref();
    },
    async close() {
      if (timer) clearInterval(timer);
      await serial(tick).catch((err) => onNotice(`Could not sign a checkpoint: ${(err as Error).message}`));
    },
  };
}

/**
 * The writer's tree, opened, signed with `signer` or the key of `dataDir`; null without a key.
 * Recording matters more than signing: a key that cannot be read is told, and entries are still taken.
 */
export async function openPgTreeLog({
  signer,
  dataDir,
  onNotice = (m) => console.warn(m),
  retention,
  ...options
}: Omit<PgTreeLogOptions, 'signer'> & { signer?: Signer; dataDir?: string; retention: RetentionCheckpoint | null }): Promise<PgTreeLog | null> {
  const key = signer ?? (dataDir ? await loadSigner({ dataDir }).catch((err: Error) => void onNotice(`No signing key, so no signed checkpoints until the next start: ${err.message}`)) : undefined);
  if (!key) return null;
  const log = createPgTreeLog({ ...options, signer: key, onNotice });
  await log.open(retention);
  return log;
}

/** What verify checks a PostgreSQL log against: the log's key (or one kept elsewhere), the newest checkpoint and every saved leaf. */
export async function loadPgTrust(pool: pg.Pool, { publicKeyFile }: { publicKeyFile?: string } = {}): Promise<Trust> {
  const recorded = await logKey(pool);
  const key = publicKeyFile ? await readVerifierKey(publicKeyFile) : recorded ? await parseVerifierKey(sha256, recorded) : null;
  const leaves = await savedLeaves(pool);
  return { key, keyPinned: publicKeyFile !== undefined, latest: (await newestCheckpoint(pool))?.text ?? null, leaves: leaves.length > 0 ? leaves : null };
}
