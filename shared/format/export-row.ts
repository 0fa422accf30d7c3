import type { AffectedRecord, Entry } from '../entry.ts';
import { formatZonedTime } from './date-time.ts';

/**
 * The columns of an export and of a copy to the clipboard, in the order the model product's Audit Log
 * shows them, then the details a spreadsheet user filters on.
 */
export const EXPORT_COLUMNS = [
  'Date and Time',
  'Member Name',
  'Username',
  'Source',
  'IP Address',
  'Action',
  'Affected Records',
  'Verb',
  'Outcome',
  'Status',
  'Method',
  'Path',
  'Entry ID',
  'Seq',
] as const;

function show(value: unknown): string {
  if (value === null || value === undefined) return '(empty)';
  return typeof value === 'string' ? value : JSON.stringify(value);
}

/** "update student Jane Smith #42: level 3 → 4; status active → inactive". */
export function describeRecord(record: AffectedRecord): string {
  const label = [record.op, record.type, record.name, record.id === null ? null : `#${record.id}`].filter(Boolean).join(' ');
  if (!record.changes.length) return label;
  return `${label}: ${record.changes.map((c) => `${c.field} ${show(c.before)} → ${show(c.after)}`).join('; ')}`;
}

/**
 * A cell that a spreadsheet would run as a formula (=, +, -, @, or a leading tab or return) gets a
 * leading apostrophe: the log holds what clients typed, and a copy or export must not turn it into code.
 */
export function spreadsheetSafe(cell: string): string {
  return /^[=+\-@\t\r]/.test(cell) ? `'${cell}` : cell;
}

/** One row of cells, all strings, in EXPORT_COLUMNS order. Several records are separated by a line break. */
export function exportRow(entry: Entry, timezone: string): string[] {
  return [
    formatZonedTime(entry.at, timezone),
    entry.member,
    entry.username ?? '',
    entry.source,
    entry.ip,
    entry.action,
    entry.records.map(describeRecord).join('\n'),
    entry.verb,
    entry.outcome,
    entry.status === null ? '' : String(entry.status),
    entry.method,
    entry.path,
    entry.id,
    String(entry.seq),
  ].map(spreadsheetSafe);
}
