import type { Entry } from '../entry.ts';
import { changeValueText } from './change-values.ts';
import { formatDateTime } from './date-time.ts';

export interface EntryLineOptions {
  /** IANA business time zone the date and time are shown in. Required. */
  timezone: string;
  /** Month first (MDY) or day first (DMY). Default MDY. */
  dateOrder?: 'MDY' | 'DMY';
}

/**
 * An entry as a person reads it in a terminal: one line with when (business time zone), who,
 * from where and what, then one indented line per changed field, `field: before → after`.
 */
export function formatEntryLine(entry: Entry, { timezone, dateOrder = 'MDY' }: EntryLineOptions): string {
  const who = entry.username && entry.username !== entry.member ? `${entry.member} (${entry.username})` : entry.member;
  const failed = entry.outcome === 'success' ? '' : `  [${entry.outcome}${entry.status === null ? '' : ` ${entry.status}`}]`;
  const head = [formatDateTime(entry.at, timezone, dateOrder), who, entry.source, entry.ip, entry.action].join('  ') + failed;
  const details = entry.records.flatMap((record) => record.changes.map((change) => `    ${record.type} ${record.name ?? record.id ?? ''}: ${changeValueText(entry, record, change)}`));
  return [head, ...details].join('\n');
}
