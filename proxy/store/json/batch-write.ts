import type { Entry } from '../../../shared/entry.ts';
import { entryLine } from '../canonical-line.ts';
import { linkEntry } from '../chain.ts';
import type { AppendOp, IntentOp } from '../recording-ops.ts';
import type { ChainHead } from '../store.ts';
import type { IntentJournal } from './intent-journal.ts';
import { utcDay } from './segment-files.ts';
import type { SegmentWriter } from './segment-writer.ts';

/** What the JSON driver's group commit takes. */
export type Op =
  /** Nothing to write: makes a flush run, which repairs what a crash left before anything else is written. */
  { kind: 'repair' } | IntentOp | AppendOp;

/** An entry as written: where its line starts in which segment, and the line (with its newline). */
export interface Placed {
  entry: Entry;
  segment: number;
  offset: number;
  line: Buffer;
}

export interface BatchInput {
  ops: readonly Op[];
  head: ChainHead;
  writer: SegmentWriter;
  journal: IntentJournal;
  nextId: (atMs: number) => string;
  now: () => Date;
}

/**
 * Links a batch's drafts after `head` (each append op's `entries` filled in order) and writes it: the
 * intent lines to the journal, the entry lines to their day segments, both synced. Neither is
 * committed here; on failure both are cut back, `entries` emptied and the error thrown.
 */
export async function writeBatch({ ops, head, writer, journal, nextId, now }: BatchInput): Promise<{ head: ChainHead; placed: Placed[] }> {
  let { seq, hash } = head;
  const notes: string[] = [];
  const lines: Array<{ entry: Entry; day: string; line: Buffer }> = [];
  const today = utcDay(now());
  for (const op of ops) {
    if (op.kind === 'repair') continue;
    if (op.kind === 'intend') notes.push(journal.intendLine({ draft: op.draft, head: seq }));
    else if (op.kind === 'abandon') notes.push(journal.abandonLine(op.requestId));
    else
      for (const draft of op.drafts) {
        const atMs = Date.parse(draft.at);
        const entry = linkEntry({ seq, hash }, nextId(op.byAt ? atMs : now().getTime()), draft);
        seq = entry.seq;
        hash = entry.hash;
        op.entries.push(entry);
        lines.push({ entry, day: op.byAt ? utcDay(atMs) : today, line: Buffer.from(`${entryLine(entry)}\n`) });
      }
  }
  const placed: Placed[] = [];
  try {
    if (ops.some((op) => op.kind === 'intend')) await writer.prepare(today);
    if (notes.length > 0) await journal.write(notes.join(''));
    for (const run of runsByDay(lines)) {
      const { segment, offset: start } = await writer.write(run.day, Buffer.concat(run.lines.map((l) => l.line)));
      let offset = start;
      for (const { entry, line } of run.lines) {
        placed.push({ entry, segment, offset, line });
        offset += line.length;
      }
    }
    await Promise.all([journal.sync(), writer.sync()]);
  } catch (err) {
    for (const op of ops) if (op.kind === 'append') op.entries.length = 0;
    await Promise.all([writer.rollback(), journal.rollback()]).catch(() => undefined);
    throw err;
  }
  return { head: { seq, hash }, placed };
}

/** Consecutive lines of one day, each written to its segment in one write. */
function runsByDay<T extends { day: string }>(lines: readonly T[]): Array<{ day: string; lines: T[] }> {
  const runs: Array<{ day: string; lines: T[] }> = [];
  for (const line of lines) {
    const last = runs.at(-1);
    if (last?.day === line.day) last.lines.push(line);
    else runs.push({ day: line.day, lines: [line] });
  }
  return runs;
}
