import { open, readFile, rename } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import type { EntryDraft } from '../../../shared/entry.ts';
import { createAppendFile, syncFolder, type AppendFile } from './append-file.ts';

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

export interface IntentJournal {
  /** Open intents by requestId, as the last run left them. */
  load(): Promise<Map<string, Intent>>;
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
      let text = '';
      try {
        text = await readFile(path, 'utf8');
      } catch (err) {
        if ((err as NodeJS.ErrnoException).code !== 'ENOENT') throw err;
      }
      const complete = text.slice(0, text.lastIndexOf('\n') + 1);
      // A torn last line was never acknowledged, so its request was never forwarded: it is dropped.
      for (const line of complete.split('\n')) {
        const note = parseNote(line);
        if (note?.intend) intents.set(note.intend.draft.requestId, note.intend);
        else if (note?.abandon) intents.delete(note.abandon);
      }
      const completeBytes = Buffer.byteLength(complete);
      if (completeBytes !== Buffer.byteLength(text)) await truncateTo(path, completeBytes);
      file = createAppendFile(path, completeBytes);
      return intents;
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
      const tmp = `${path}.tmp`;
      const handle = await open(tmp, 'w');
      try {
        await handle.writeFile([...openIntents.values()].map((intent) => `${JSON.stringify({ intend: intent })}\n`).join(''));
        await handle.sync();
      } finally {
        await handle.close();
      }
      await file.close();
      await rename(tmp, path);
      await syncFolder(dirname(path));
      file = createAppendFile(path, (await readFile(path)).length);
    },
    close: () => file.close(),
  };
}

function parseNote(line: string): { intend?: Intent; abandon?: string } | null {
  if (!line) return null;
  try {
    return JSON.parse(line) as { intend?: Intent; abandon?: string };
  } catch {
    return null;
  }
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
