import { describe, expect, it } from 'vitest';
import { REDACTED, type Entry } from '../../../shared/entry.ts';
import { actionWithValues } from '../../../shared/format/action-text.ts';
import { outcomeBadge } from '../../../shared/format/outcome.ts';
import { changeValueText } from '../../../shared/format/change-values.ts';
import { makeEntry } from '../../helpers/extension-fixtures.ts';

const student = (changes: Entry['records'][number]['changes'], overrides: Partial<Entry> = {}) =>
  makeEntry({
    action: `Updated student Liam Reed: ${changes.map((c) => c.field).join(', ')}`,
    records: [{ type: 'student', id: '7', name: 'Liam Reed', op: 'update', link: '/students/7', changes }],
    ...overrides,
  });

describe('action text with values (display time, so old entries read better too)', () => {
  it('replaces the list of fields with each field before → after', () => {
    const entry = student([
      { field: 'level', before: 'Bronze', after: 'Gold' },
      { field: 'status', before: 'active', after: 'paused' },
    ]);
    expect(actionWithValues(entry)).toBe('Updated student Liam Reed: level Bronze → Gold, status active → paused');
  });

  it('says "changed (hidden)" for a redacted value, never the mask', () => {
    const entry = student([{ field: 'pin', before: REDACTED, after: REDACTED }]);
    expect(actionWithValues(entry)).toBe('Updated student Liam Reed: pin changed (hidden)');
  });

  it('shortens with an ellipsis past the limit', () => {
    const entry = student([{ field: 'notes', before: 'a'.repeat(200), after: 'b'.repeat(200) }]);
    const text = actionWithValues(entry, { limit: 80 });
    expect(text).toHaveLength(80);
    expect(text.endsWith('…')).toBe(true);
    expect(text.startsWith('Updated student Liam Reed: notes aaa')).toBe(true);
  });

  it('keeps an action that lists no fields as it is (payments keep their amount)', () => {
    const payment = makeEntry({
      verb: 'payment',
      action: 'Recorded payment of $120.00 for Mary Smith',
      records: [{ type: 'payment', id: '9', name: 'Mary Smith', op: 'create', link: null, changes: [{ field: 'amount', before: null, after: 120 }] }],
    });
    expect(actionWithValues(payment)).toBe('Recorded payment of $120.00 for Mary Smith');
  });

  it('says "before unknown" when the record could not be read before the change, never "(empty)"', () => {
    // The snapshot of a denied update failed too: old entries stored null for every before.
    const denied = student([{ field: 'phone', before: null, after: '000' }], { action: 'Failed to update family #3: phone', outcome: 'failure', status: 403 });
    expect(actionWithValues(denied)).toBe('Failed to update family #3: phone before unknown → 000');
    expect(actionWithValues(denied)).not.toContain('(empty)');
    // Newer entries leave `before` out when it was not read.
    const unread = student([{ field: 'phone', after: '000' } as Entry['records'][number]['changes'][number]]);
    expect(changeValueText(unread, unread.records[0]!, unread.records[0]!.changes[0]!)).toBe('phone before unknown → 000');
    // A field that really was empty is still "(empty)".
    const filled = student([{ field: 'phone', before: null, after: '000' }]);
    expect(actionWithValues(filled)).toBe('Updated student Liam Reed: phone (empty) → 000');
  });
});

describe('outcome badge', () => {
  it('names the status of failures and denials, nothing for a success', () => {
    expect(outcomeBadge(makeEntry())).toBeNull();
    expect(outcomeBadge(makeEntry({ outcome: 'failure', status: 403 }))).toBe('403 denied');
    expect(outcomeBadge(makeEntry({ outcome: 'failure', status: 401 }))).toBe('401 denied');
    expect(outcomeBadge(makeEntry({ outcome: 'failure', status: 422 }))).toBe('422 failed');
    expect(outcomeBadge(makeEntry({ outcome: 'failure', status: null }))).toBe('failed');
    expect(outcomeBadge(makeEntry({ outcome: 'unknown', status: null }))).toBe('outcome unknown');
  });
});
