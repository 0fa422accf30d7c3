import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { VerifierKey } from '../../../shared/merkle/checkpoint-note.ts';
import { PUBLIC_KEY_FILE, readVerifierKey } from './signing-key.ts';
import { CHECKPOINT_FILE, LEAVES_FILE } from './tree-log.ts';

/** What verify checks the log against, besides the log itself. */
export interface Trust {
  /** The log's public key: one kept elsewhere (--public-key) or, failing that, the data folder's log-key.pub. Null when the log has none. */
  key: VerifierKey | null;
  /** True when the key came from outside the data folder. */
  keyPinned: boolean;
  /** The newest checkpoint the writer signed (`<dataDir>/checkpoint`), null when there is none. */
  latest: string | null;
  /** Leaf hashes the writer saved as it appended (tree-leaves.bin): the only trace of entries removed by retention. */
  leaves: Buffer | null;
}

const orNull = <T>(promise: Promise<T>): Promise<T | null> => promise.catch((err: NodeJS.ErrnoException) => (err.code === 'ENOENT' ? null : Promise.reject(err)));

export async function loadTrust(dataDir: string, { publicKeyFile }: { publicKeyFile?: string } = {}): Promise<Trust> {
  const key = publicKeyFile ? await readVerifierKey(publicKeyFile) : await orNull(readVerifierKey(join(dataDir, PUBLIC_KEY_FILE)));
  return {
    key,
    keyPinned: publicKeyFile !== undefined,
    latest: await orNull(readFile(join(dataDir, CHECKPOINT_FILE), 'utf8')),
    leaves: await orNull(readFile(join(dataDir, LEAVES_FILE))),
  };
}
