import { AUDIT_LOG_SOURCE, type Entry, type EntryDraft } from '../../shared/entry.ts';
import { recomputeHash } from './chain.ts';

const DAY_MS = 24 * 60 * 60 * 1000;

/** What a retention run removed and why it was due; signed in a checkpoint and recorded as a log entry. */
export interface RetentionFacts {
  /** Entries 1 … lastRemoved.seq are gone; lastRemoved.hash anchors the first kept entry. */
  lastRemoved: { seq: number; hash: string };
  /** The UTC day of the newest removed segment. */
  prunedThrough: string;
  /** The retention period in force when it ran. */
  retentionDays: number;
  /** When it ran, ISO-8601. */
  prunedAt: string;
}

export const RETENTION_VERB = 'retention';
const PREFIX = 'retention ';
const STATEMENT = /^retention removed 1-(\d+) last ([0-9a-f]{64}) through (\d{4}-\d{2}-\d{2}) days (\d+) at (\S+)$/;

/** One line, the same in the signed checkpoint and in the log entry: `retention removed 1-K last <hash> through DAY days N at TIME`. */
export function retentionStatement({ lastRemoved, prunedThrough, retentionDays, prunedAt }: RetentionFacts): string {
  return `${PREFIX}removed 1-${lastRemoved.seq} last ${lastRemoved.hash} through ${prunedThrough} days ${retentionDays} at ${prunedAt}`;
}

export function parseRetentionStatement(line: string): RetentionFacts | null {
  const match = STATEMENT.exec(line);
  if (!match) return null;
  // eslint-disable-next-line @typescript-eslint/no-non-null-assertion -- STATEMENT's five groups are not optional, so a match sets them all
  return { lastRemoved: { seq: Number(match[1]), hash: match[2]! }, prunedThrough: match[3]!, retentionDays: Number(match[4]), prunedAt: match[5]! };
}

/** The oldest UTC day kept at `now` with `retentionDays`: segments of earlier days may be removed. */
export function oldestKeptDay(now: Date, retentionDays: number): string {
  return new Date(Date.parse(new Date(now).toISOString().slice(0, 10)) - retentionDays * DAY_MS).toISOString().slice(0, 10);
}

/** Why a removal was not yet due, or null when every removed day was older than the retention period. */
export function prematureRemoval(facts: RetentionFacts): string | null {
  const at = new Date(facts.prunedAt);
  if (Number.isNaN(at.getTime())) return `its time "${facts.prunedAt}" is not a time`;
  const keepFrom = oldestKeptDay(at, facts.retentionDays);
  if (facts.prunedThrough < keepFrom) return null;
  const age = Math.round((Date.parse(facts.prunedAt.slice(0, 10)) - Date.parse(facts.prunedThrough)) / DAY_MS);
  return `entries 1–${facts.lastRemoved.seq} (through ${facts.prunedThrough}) were removed on ${facts.prunedAt.slice(0, 10)} when only ${age} day(s) old, but retentionDays was ${facts.retentionDays}: removed before they were due`;
}

/** The log entry that records a retention run; its single change holds the statement. */
export function retentionDraft(facts: RetentionFacts): EntryDraft {
  const { lastRemoved, prunedThrough, retentionDays, prunedAt } = facts;
  return {
    at: prunedAt,
    member: 'Portal Audit',
    memberKind: 'unknown',
    username: null,
    source: AUDIT_LOG_SOURCE,
    ip: '',
    verb: RETENTION_VERB,
    action: `Retention removed entries 1–${lastRemoved.seq} (days through ${prunedThrough}), older than ${retentionDays} days`,
    method: 'RETAIN',
    path: '/log/retention',
    status: null,
    outcome: 'success',
    records: [
      { type: 'log', id: `1-${lastRemoved.seq}`, name: `entries 1–${lastRemoved.seq}`, op: 'delete', link: null, changes: [{ field: 'retention', before: null, after: retentionStatement(facts) }] },
    ],
    requestId: `retention-${prunedAt}`,
    userAgent: null,
    truncated: false,
  };
}

/** The statement a retention entry records, or null when the entry is not one. */
export function statementOf(entry: Entry): string | null {
  if (entry.verb !== RETENTION_VERB || entry.source !== AUDIT_LOG_SOURCE) return null;
  const after = entry.records[0]?.changes[0]?.after;
  return typeof after === 'string' && after.startsWith(PREFIX) ? after : null;
}

/** The last entry to remove, once it is known to hash correctly and to be the one the next entry follows. */
export async function checkedCut(getMany: (seqs: readonly number[]) => Promise<Entry[]>, seq: number): Promise<{ seq: number; hash: string }> {
  const [cut, firstKept] = await getMany([seq, seq + 1]);
  if (!cut || cut.seq !== seq || recomputeHash(cut) !== cut.hash || (firstKept && firstKept.prevHash !== cut.hash)) {
    throw new Error(`retention removed nothing: the chain does not verify at entry ${seq} (run portal-audit verify)`);
  }
  return { seq: cut.seq, hash: cut.hash };
}
