import { mkdir, open, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { EntryDraft, GENESIS_HASH, type Entry } from '../../../shared/entry.ts';
import { hashEntry } from '../chain.ts';
import { sanitizeDraft } from '../sanitize.ts';
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
    const keptAt = await keepAside(dataDir, `${segment}.${offset}.torn`, torn);
    await handle.truncate(offset);
    await handle.sync();
    return `Cut ${bytes} bytes of an unfinished line (a crash mid-write) from ${segment}; kept in ${keptAt}`;
  } finally {
    await handle.close();
  }
}

/** Keeps bytes a repair removes under `<dataDir>/recovered/`, so nobody has to take the store's word for them; resolves with the path. */
export async function keepAside(dataDir: string, name: string, data: Buffer | string): Promise<string> {
  const keptAt = join(dataDir, 'recovered', name);
  await mkdir(join(dataDir, 'recovered'), { recursive: true });
  await writeFile(keptAt, data, { flush: true });
  return keptAt;
}

export const STOPPED_NOTE = 'the proxy stopped before the portal answered';
/** Said of a recovered request whose noted intent did not pass validation: only part of it could be read. */
export const UNREADABLE_NOTE = 'its noted intent could not be read in full';

export interface Unfinished {
  /** One entry each (outcome unknown) for the requests that may have reached the portal, by request id. */
  drafts: Map<string, EntryDraft>;
  /** How many of them come from an intent whose draft failed validation: logged with what could be read. */
  invalid: number;
  /** Intents that cannot be logged at all (a request id that cannot be written), as journal lines. */
  dropped: string[];
}

/**
 * Turns the intents a crash left open into entries: a request whose entry was written is settled
 * (no entry twice); any other may have reached the portal, so it is logged with outcome unknown.
 * Only entries after the oldest intent's head can settle one, so only those are read. The journal
 * is never trusted: an intent that fails validation is still logged, from what can be read of it.
 */
export async function unfinishedRequests(intents: ReadonlyMap<string, Intent>, readAfter: (seq: number) => AsyncIterable<Entry>, now: () => Date = () => new Date()): Promise<Unfinished> {
  const result: Unfinished = { drafts: new Map(), invalid: 0, dropped: [] };
  if (intents.size === 0) return result;
  const open = new Map(intents);
  const oldest = Math.min(...[...intents.values()].map((intent) => intent.head));
  for await (const entry of readAfter(oldest + 1)) open.delete(entry.requestId);
  for (const [requestId, { draft }] of open) {
    if (!representable(requestId)) {
      result.dropped.push(JSON.stringify({ intend: intents.get(requestId) }));
      continue;
    }
    const parsed = EntryDraft.safeParse(draft);
    if (parsed.success) {
      const clean = sanitizeDraft(parsed.data);
      result.drafts.set(requestId, { ...clean, status: null, outcome: 'unknown', action: `${clean.action} (${STOPPED_NOTE})` });
      continue;
    }
    result.invalid++;
    result.drafts.set(requestId, sanitizeDraft(fromUnreadable(requestId, draft, now())));
  }
  return result;
}

/** Whether the chain can hash it as it is (RFC 8785 refuses lone surrogates). */
function representable(value: string): boolean {
  try {
    hashEntry(GENESIS_HASH, { value });
    return true;
  } catch {
    return false;
  }
}

/** An entry for a request whose intent is damaged: its id, and whichever plain fields can still be read (made representable by the caller). */
function fromUnreadable(requestId: string, draft: Record<string, unknown>, now: Date): EntryDraft {
  const text = (value: unknown, fallback: string) => (typeof value === 'string' ? value.slice(0, 2048) : fallback);
  const atMs = typeof draft.at === 'string' ? Date.parse(draft.at) : Number.NaN;
  const method = text(draft.method, '');
  return {
    at: new Date(Number.isNaN(atMs) ? now.getTime() : atMs).toISOString(),
    member: 'unknown',
    memberKind: 'unknown',
    username: null,
    source: text(draft.source, 'unknown'),
    ip: text(draft.ip, ''),
    verb: 'unknown',
    action: `${method || 'A'} request (${STOPPED_NOTE}; ${UNREADABLE_NOTE})`,
    method,
    path: text(draft.path, ''),
    status: null,
    outcome: 'unknown',
    records: [],
    requestId,
    userAgent: null,
    truncated: false,
  };
}
