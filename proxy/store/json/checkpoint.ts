import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { RetentionCheckpoint } from '../store.ts';
import { RetentionCheckpointSchema } from '../store.ts';
import { CorruptLogError } from '../errors.ts';
import { writeFileAtomic } from '../../fs/atomic-write.ts';

export const CHECKPOINT_FILE = 'retention.json';

/**
 * The checkpoint retention leaves behind: the last removed entry's seq and hash. Verify starts from
 * it, so it is read strictly: a checkpoint that does not parse is reported, never ignored (ignoring
 * it would make a log with removed segments look tampered with, or a forged one look whole).
 */
export async function readCheckpoint(dataDir: string): Promise<RetentionCheckpoint | null> {
  let text: string;
  try {
    text = await readFile(join(dataDir, CHECKPOINT_FILE), 'utf8');
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw err;
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    throw new CorruptLogError(CHECKPOINT_FILE, 'the retention checkpoint is not valid JSON');
  }
  const parsed = RetentionCheckpointSchema.safeParse(json);
  if (!parsed.success) throw new CorruptLogError(CHECKPOINT_FILE, `the retention checkpoint is malformed (${parsed.error.issues[0]?.message ?? parsed.error.message})`);
  return parsed.data;
}

/**
 * Replaces the checkpoint atomically and durably (temporary file, fsync, rename, fsync of the folder)
 * before any segment is deleted: a crash then leaves either the old checkpoint and all segments, or
 * the new one and segments that the next open finishes removing.
 */
export async function writeCheckpoint(dataDir: string, checkpoint: RetentionCheckpoint): Promise<void> {
  await writeFileAtomic(join(dataDir, CHECKPOINT_FILE), `${JSON.stringify(checkpoint, null, 2)}\n`);
}
