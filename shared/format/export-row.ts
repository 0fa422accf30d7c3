import type { AffectedRecord, Entry } from '../entry.ts';
import { changeValueText } from './change-values.ts';
import { formatSpreadsheetTime } from './date-time.ts';

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

/** The header row: the first column names the zone its times are in, "Date and Time (America/Chicago)". */
export function exportHeader(timezone: string): string[] {
  return EXPORT_COLUMNS.map((column, i) => (i === 0 ? `${column} (${timezone})` : column));
}

/** "update student Jane Smith #42: level 3 → 4; status active → inactive". */
export function describeRecord(entry: Pick<Entry, 'outcome'>, record: AffectedRecord): string {
  const label = [record.op, record.type, record.name, record.id === null ? null : `#${record.id}`].filter(Boolean).join(' ');
  if (!record.changes.length) return label;
  return `${label}: ${record.changes.map((c) => changeValueText(entry, record, c)).join('; ')}`;
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
    formatSpreadsheetTime(entry.at, timezone),
    entry.member,
    entry.username ?? '',
    entry.source,
    entry.ip,
    entry.action,
    entry.records.map((record) => describeRecord(entry, record)).join('\n'),
    entry.verb,
    entry.outcome,
    entry.status === null ? '' : String(entry.status),
    entry.method,
    entry.path,
    entry.id,
    String(entry.seq),
  ].map(spreadsheetSafe);
}
