import type { Entry, EntryDraft } from '../../shared/entry.ts';
import { StoreUnavailableError } from './errors.ts';
import { sanitizeDraft } from './sanitize.ts';

/** The ops every driver's group commit takes; each driver links and writes them its own way. */
export type IntentOp = { kind: 'intend'; draft: EntryDraft } | { kind: 'abandon'; requestId: string };
/** Drafts to link and append; `byAt` dates each entry's id by its own `at` (bulk loads), else by the clock. The flush fills `entries`. */
export type AppendOp = { kind: 'append'; drafts: readonly EntryDraft[]; byAt: boolean; entries: Entry[] };

/** The Store's intend, abandon and append over a driver's group commit: drafts are sanitized here, the last line before the disk. */
export function recordingOps(submit: (op: IntentOp | AppendOp) => Promise<void>) {
  /** Resolves with the entries once they are durable. */
  async function appendDrafts(drafts: readonly EntryDraft[], byAt: boolean): Promise<Entry[]> {
    const op: AppendOp = { kind: 'append', drafts, byAt, entries: [] };
    await submit(op);
    return op.entries;
  }
  return {
    appendDrafts,
    intend: (draft: EntryDraft) => submit({ kind: 'intend', draft: sanitizeDraft(draft) }),
    abandon: (requestId: string) => submit({ kind: 'abandon', requestId }),
    async append(draft: EntryDraft): Promise<Entry> {
      const [entry] = await appendDrafts([sanitizeDraft(draft)], false);
      // A flush that fails rejects; one that resolves has linked every draft it was given.
      if (!entry) throw new StoreUnavailableError('the entry was not written');
      return entry;
    },
  };
}
