import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import canonicalize from 'canonicalize';
import { syncFolder, writeFileAtomic } from '../../fs/atomic-write.ts';
import { listSegments, logDir } from './segment-files.ts';
import { UserError } from '../../user-error.ts';
import { acquireWriterLock } from './writer-lock.ts';

export interface MigrationResult {
  segments: number;
  /** Lines that were rewritten in canonical form; lines already canonical are counted in `unchanged`. */
  rewritten: number;
  unchanged: number;
}

/** A line neither canonical nor exactly as an older version wrote it: the migration changes nothing. */
export class MigrationRefusedError extends UserError {
  override name = 'MigrationRefusedError';
}

/**
 * The one-shot upgrade of a log written before lines were stored canonically (older versions wrote
 * `JSON.stringify` with id, seq and at first). Each line must be either canonical already or exactly
 * what `JSON.stringify` makes of its own parse (that rules out duplicate keys, whitespace and odd
 * number or string spellings); it is then rewritten as canonical JSON. Hashes are over the canonical
 * form and do not change, so fingerprints kept earlier stay valid. Every segment is checked before any
 * is replaced; each replacement is atomic (temporary file, fsync, rename). The writer lock keeps a
 * running proxy out.
 */
export async function migrateToCanonical(dataDir: string): Promise<MigrationResult> {
  const release = await acquireWriterLock(dataDir);
  try {
    const dir = logDir(dataDir);
    const planned: Array<{ path: string; text: string }> = [];
    const result: MigrationResult = { segments: 0, rewritten: 0, unchanged: 0 };
    for (const name of await listSegments(dataDir)) {
      const path = join(dir, name);
      const original = await readFile(path, 'utf8');
      const lines = original.split('\n');
      // What follows the last newline is a torn write: kept as it is for the proxy's next start to set aside.
      const torn = lines.pop() ?? ''; // split always returns at least one element
      let changed = false;
      const out = lines.map((line, i) => {
        if (line === '') return line;
        let parsed: unknown;
        try {
          parsed = JSON.parse(line);
        } catch {
          throw new MigrationRefusedError(`${name} line ${i + 1} is not valid JSON; nothing was changed (run portal-audit verify)`);
        }
        const canonical = canonicalize(parsed);
        // Only `undefined` has no JSON text, and JSON.parse never returns it.
        if (canonical === undefined) throw new Error(`${name} line ${i + 1} has no canonical form`);
        if (canonical === line) {
          result.unchanged++;
          return line;
        }
        if (JSON.stringify(parsed) !== line)
          throw new MigrationRefusedError(`${name} line ${i + 1} is neither canonical nor as Portal Audit wrote it (duplicate keys or whitespace); nothing was changed`);
        result.rewritten++;
        changed = true;
        return canonical;
      });
      if (changed) planned.push({ path, text: `${out.join('\n')}\n${torn}` });
    }
    for (const { path, text } of planned) {
      // The folder is synced once, after every segment is replaced.
      await writeFileAtomic(path, text, { syncFolder: false });
    }
    if (planned.length > 0) await syncFolder(dir);
    result.segments = planned.length;
    return result;
  } finally {
    await release();
  }
}
