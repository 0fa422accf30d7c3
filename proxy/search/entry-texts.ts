import type { EntrySummary } from '../../shared/entry.ts';

/** Characters of one value that are read for words: a pasted essay must not cost more than its start. */
const MAX_VALUE_CHARS = 1000;
/** Leaves of one structured value (an object or array that changed) that are read. */
const MAX_VALUE_LEAVES = 32;
/** A run of at least this many digits split by separators is also a number typed without them (a phone). */
export const MIN_JOINED_DIGITS = 7;

/**
 * The change values of an entry as texts: before and after of every field, strings as they are,
 * numbers and booleans written out, objects and arrays by their leaves (bounded).
 */
export function valueTexts(records: EntrySummary['records']): string[] {
  const out: string[] = [];
  for (const record of records) {
    for (const change of record.changes ?? []) {
      let leaves = 0;
      const walk = (value: unknown, depth: number): void => {
        if (leaves >= MAX_VALUE_LEAVES || value === null || value === undefined) return;
        if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean') {
          leaves++;
          const text = String(value).slice(0, MAX_VALUE_CHARS).trim();
          if (text !== '') out.push(text);
        } else if (depth < 3 && typeof value === 'object') {
          for (const inner of Array.isArray(value) ? value : Object.values(value)) walk(inner, depth + 1);
        }
      };
      walk(change.before, 0);
      walk(change.after, 0);
    }
  }
  return out;
}

/** The digits of a text written with separators ("(555) 123-4567" → 5551234567), or null when it is not such a number. */
export function joinedDigits(text: string): string | null {
  if (!/\d\D+\d/.test(text)) return null;
  const digits = text.replace(/\D+/g, '');
  return digits.length >= MIN_JOINED_DIGITS ? digits : null;
}
