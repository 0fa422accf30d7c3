import { open, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { EntryDraft } from '../../../shared/entry.ts';
import { writeFileAtomic } from '../../fs/atomic-write.ts';
import { createAppendFile, type AppendFile } from './append-file.ts';

/** A request that was about to reach the portal, with the log's head seq when it was noted. */
export interface Intent {
  draft: EntryDraft;
  head: number;
}

export interface IntentJournalOptions {
  /** The data folder; the journal is `<dataDir>/intents.jsonl`. Required. */
  dataDir: string;
  /** Rewrite the journal with only the open intents once it grows past this many bytes. Default 4 MiB. */
  compactBytes?: number;
}

/** What the last run left in the journal. */
export interface LoadedIntents {
  /** Open intents by requestId. A draft is as it was read: recovery validates it. */
  intents: Map<string, Intent>;
  /** Complete lines that are not a note at all (garbage, a torn line in the middle, no request id), as read. */
  unreadable: string[];
}

export interface IntentJournal {
  /** Reads what the last run left, cutting a torn last line; any content loads, only the disk can make it throw. */
  load(): Promise<LoadedIntents>;
  /** Journal lines for a batch; written by `write`. */
  intendLine(intent: Intent): string;
  abandonLine(requestId: string): string;
  write(lines: string): Promise<void>;
  sync(): Promise<void>;
  commit(): void;
  rollback(): Promise<void>;
  /** Drops settled intents from the file: emptied when none is open, rewritten when it grew large. */
  compact(open: ReadonlyMap<string, Intent>): Promise<void>;
  close(): Promise<void>;
}

/**
 * The write-ahead note of requests in flight. An intent is synced before capture forwards the
 * request, so after a SIGKILL the store still knows which requests may have reached the portal.
 * Settling needs no line of its own: an intent is settled when the log holds its requestId.
 */
export function createIntentJournal({ dataDir, compactBytes = 4 * 1024 * 1024 }: IntentJournalOptions): IntentJournal {
  const path = join(dataDir, 'intents.jsonl');
  let file: AppendFile = createAppendFile(path);

  return {
    async load() {
      const intents = new Map<string, Intent>();
      const unreadable: string[] = [];
      let text = '';
      try {
        text = await readFile(path, 'utf8');
      } catch (err) {
        if ((err as NodeJS.ErrnoException).code !== 'ENOENT') throw err;
      }
      const complete = text.slice(0, text.lastIndexOf('\n') + 1);
      // A torn last line was never acknowledged, so its request was never forwarded: it is dropped.
      for (const line of complete.split('\n')) {
        if (!line) continue;
        const note = parseNote(line);
        if (note?.intend) intents.set(note.intend.draft.requestId, note.intend);
        else if (note?.abandon !== undefined) intents.delete(note.abandon);
        else unreadable.push(line);
      }
      const completeBytes = Buffer.byteLength(complete);
      if (completeBytes !== Buffer.byteLength(text)) await truncateTo(path, completeBytes);
      await file.close();
      file = createAppendFile(path, completeBytes);
      return { intents, unreadable };
    },
    intendLine: (intent) => `${JSON.stringify({ intend: intent })}\n`,
    abandonLine: (requestId) => `${JSON.stringify({ abandon: requestId })}\n`,
    async write(lines) {
      await file.write(Buffer.from(lines));
    },
    sync: () => file.sync(),
    commit: () => file.commit(),
    rollback: () => file.rollback(),
    async compact(openIntents) {
      if (file.size() === 0) return;
      if (openIntents.size === 0) {
        await file.clear();
        return;
      }
      if (file.size() < compactBytes) return;
      await file.close();
      await writeFileAtomic(path, [...openIntents.values()].map((intent) => `${JSON.stringify({ intend: intent })}\n`).join(''));
      file = createAppendFile(path, (await readFile(path)).length);
    },
    close: () => file.close(),
  };
}

/**
 * One journal line: an intent needs a request id to be matched to its entry; its head (where
 * recovery starts reading) falls back to the log's start, and its draft is checked by recovery.
 */
function parseNote(line: string): { intend?: Intent; abandon?: string } | null {
  let note: unknown;
  try {
    note = JSON.parse(line);
  } catch {
    return null;
  }
  if (typeof note !== 'object' || note === null) return null;
  const { intend, abandon } = note as { intend?: unknown; abandon?: unknown };
  if (typeof abandon === 'string') return { abandon };
  if (typeof intend !== 'object' || intend === null) return null;
  const { draft, head } = intend as { draft?: unknown; head?: unknown };
  if (typeof draft !== 'object' || draft === null) return null;
  const requestId = (draft as { requestId?: unknown }).requestId;
  if (typeof requestId !== 'string' || requestId === '') return null;
  return { intend: { draft: draft as EntryDraft, head: Number.isSafeInteger(head) && (head as number) >= 0 ? (head as number) : 0 } };
}

async function truncateTo(path: string, length: number): Promise<void> {
  const handle = await open(path, 'r+');
  try {
    await handle.truncate(length);
    await handle.sync();
  } finally {
    await handle.close();
  }
}
