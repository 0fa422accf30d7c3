import type { Entry } from '../entry.ts';
import { formatDateTime } from './date-time.ts';

export interface EntryLineOptions {
  /** IANA business time zone the date and time are shown in. Required. */
  timezone: string;
  /** Month first (MDY) or day first (DMY). Default MDY. */
  dateOrder?: 'MDY' | 'DMY';
}

function show(value: unknown): string {
  if (value === null || value === undefined || value === '') return '(empty)';
  return typeof value === 'string' ? value : JSON.stringify(value);
}

/**
 * An entry as a person reads it in a terminal: one line with when (business time zone), who,
 * from where and what, then one indented line per changed field, `field: before → after`.
 */
export function formatEntryLine(entry: Entry, { timezone, dateOrder = 'MDY' }: EntryLineOptions): string {
  const who = entry.username && entry.username !== entry.member ? `${entry.member} (${entry.username})` : entry.member;
  const failed = entry.outcome === 'success' ? '' : `  [${entry.outcome}${entry.status === null ? '' : ` ${entry.status}`}]`;
  const head = [formatDateTime(entry.at, timezone, dateOrder), who, entry.source, entry.ip, entry.action].join('  ') + failed;
  const details = entry.records.flatMap((record) =>
    record.changes.map((change) => `    ${record.type} ${record.name ?? record.id ?? ''}: ${change.field}: ${show(change.before)} → ${show(change.after)}`),
  );
  return [head, ...details].join('\n');
}
