import type { Entry } from '../entry.ts';
import { changeValueText } from './change-values.ts';

export interface ActionTextOptions {
  /** Characters at most; longer text ends in "…". Default 160. */
  limit?: number;
}

/**
 * The action sentence with values: "Updated student Liam Reed: level, status" becomes "… level Bronze →
 * Gold, status active → paused". Done when shown (not when captured) so that entries already in the
 * log read the same way. A sentence that does not end in the list of changed fields (a payment with its
 * amount, a login) is kept as written.
 */
export function actionWithValues(entry: Entry, { limit = 160 }: ActionTextOptions = {}): string {
  const record = entry.records[0];
  let text = entry.action;
  if (record && record.changes.length > 0) {
    const fieldList = `: ${record.changes.map((c) => c.field).join(', ')}`;
    if (text.endsWith(fieldList)) {
      text = `${text.slice(0, -fieldList.length)}: ${record.changes.map((c) => changeValueText(entry, record, c)).join(', ')}`;
    }
  }
  return text.length > limit ? `${text.slice(0, limit - 1)}…` : text;
}
