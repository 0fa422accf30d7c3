import { mkdir, open, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Entry, EntryDraft } from '../../../shared/entry.ts';
import type { Intent } from './intent-journal.ts';
import { logDir } from './segment-files.ts';

export interface TornTail {
  dataDir: string;
  segment: string;
  /** Where the complete lines end. */
  offset: number;
  bytes: number;
}

/**
 * A crash mid-write can leave part of a line at the end of the newest segment. It was never
 * acknowledged (append resolves only after the whole line is synced), so it is cut off; the bytes
 * are kept under `recovered/` so nobody has to take the store's word for what was dropped.
 */
export async function cutTornTail({ dataDir, segment, offset, bytes }: TornTail): Promise<string> {
  const path = join(logDir(dataDir), segment);
  const handle = await open(path, 'r+');
  try {
    const torn = Buffer.alloc(bytes);
    await handle.read(torn, 0, bytes, offset);
    const keptAt = join(dataDir, 'recovered', `${segment}.${offset}.torn`);
    await mkdir(join(dataDir, 'recovered'), { recursive: true });
    await writeFile(keptAt, torn);
    await handle.truncate(offset);
    await handle.sync();
    return `Cut ${bytes} bytes of an unfinished line (a crash mid-write) from ${segment}; kept in ${keptAt}`;
  } finally {
    await handle.close();
  }
}

export const STOPPED_NOTE = 'the proxy stopped before the portal answered';

/**
 * Turns the intents a crash left open into entries: a request whose entry was written is settled
 * (no entry twice); any other may have reached the portal, so it is logged with outcome unknown.
 * Only entries after the oldest intent's head can settle one, so only those are read.
 */
export async function unfinishedRequests(
  intents: ReadonlyMap<string, Intent>,
  readAfter: (seq: number) => AsyncIterable<Entry>,
): Promise<EntryDraft[]> {
  if (intents.size === 0) return [];
  const open = new Map(intents);
  const oldest = Math.min(...[...intents.values()].map((intent) => intent.head));
  for await (const entry of readAfter(oldest + 1)) open.delete(entry.requestId);
  return [...open.values()].map(({ draft }) => ({
    ...draft,
    status: null,
    outcome: 'unknown',
    action: `${draft.action} (${STOPPED_NOTE})`,
  }));
}
