import { REDACTED, type AffectedRecord, type Entry, type FieldChange } from '../entry.ts';

/** What a value reads as in text: "(empty)" for nothing, JSON for objects and arrays. */
export function showValue(value: unknown): string {
  if (value === null || value === undefined || value === '') return '(empty)';
  return typeof value === 'string' ? value : JSON.stringify(value);
}

/**
 * True when the record could not be read before the change, so its old value is not known. Newer
 * entries leave `before` out; older ones stored null for every field of an update that failed, because
 * the snapshot was refused along with the change (a 403 on both).
 */
export function isBeforeUnknown(entry: Pick<Entry, 'outcome'>, record: Pick<AffectedRecord, 'op' | 'changes'>, change: FieldChange): boolean {
  if (change.before === undefined) return true;
  return record.op === 'update' && entry.outcome !== 'success' && record.changes.every((c) => c.before === null || c.before === undefined);
}

/** "level Bronze → Gold"; a secret reads "pin changed (hidden)", an unread old value "phone before unknown → 000". */
export function changeValueText(entry: Pick<Entry, 'outcome'>, record: Pick<AffectedRecord, 'op' | 'changes'>, change: FieldChange): string {
  // The note the proxy adds when it cut a long list of changes short ("12 more changes").
  if (change.field === '…') return showValue(change.after);
  if (change.before === REDACTED || change.after === REDACTED) return `${change.field} changed (hidden)`;
  const before = isBeforeUnknown(entry, record, change) ? 'before unknown' : showValue(change.before);
  return `${change.field} ${before} → ${showValue(change.after)}`;
}
