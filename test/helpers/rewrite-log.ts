import { readdir, readFile, unlink, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import canonicalize from 'canonicalize';
import { recomputeHash } from '../../proxy/store/chain.ts';
import { openStore } from './temp-store.ts';

/**
 * What an insider with the data folder and the signing key can do: edit the log's lines (the per-file
 * counts kept, the last file taking the difference), recompute every seq, prevHash and hash from
 * `rechainFrom` on, and with `resign` throw away the saved tree so that the writer rebuilds it and signs
 * a fresh checkpoint. Only checkpoints kept elsewhere can tell.
 */
export async function rewriteLog(
  dataDir: string,
  edit: (lines: string[]) => void,
  { rechainFrom, resign = false, now }: { rechainFrom?: number; resign?: boolean; now?: () => Date } = {},
): Promise<void> {
  const dir = join(dataDir, 'log');
  const segments = (await readdir(dir)).sort();
  const perFile = await Promise.all(segments.map(async (s) => (await readFile(join(dir, s), 'utf8')).split('\n').filter(Boolean)));
  const lines = perFile.flat();
  edit(lines);
  if (rechainFrom !== undefined) {
    for (let i = rechainFrom; i < lines.length; i++) {
      const entry = JSON.parse(lines[i]!);
      entry.seq = i + 1;
      entry.prevHash = i === 0 ? '0'.repeat(64) : JSON.parse(lines[i - 1]!).hash;
      entry.hash = recomputeHash(entry);
      lines[i] = canonicalize(entry)!;
    }
  }
  let at = 0;
  for (const [i, s] of segments.entries()) {
    const take = i === segments.length - 1 ? lines.length - at : perFile[i]!.length;
    await writeFile(
      join(dir, s),
      lines
        .slice(at, at + take)
        .map((l) => `${l}\n`)
        .join(''),
    );
    at += take;
  }
  if (resign) {
    await Promise.all(['tree-leaves.bin', 'checkpoint'].map((f) => unlink(join(dataDir, f)).catch(() => undefined)));
    await (await openStore(dataDir, now ? { now } : {})).close();
  }
}
