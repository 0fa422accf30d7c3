import { describe, expect, it } from 'vitest';
import { parseQuery } from '../../../shared/query/parse.ts';
import { removeChip } from '../../../shared/query/remove-chip.ts';
import type { ParseOptions } from '../../../shared/query/types.ts';

const OPTIONS: ParseOptions = {
  timezone: 'America/Chicago',
  dateOrder: 'MDY',
  now: new Date('2026-03-11T15:00:00Z'),
  usernames: ['admin'],
};

function without(text: string, label: string): string {
  const chip = parseQuery(text, OPTIONS).chips.find((c) => c.label === label);
  if (!chip) throw new Error(`no chip ${label}`);
  return removeChip(text, chip);
}

describe('removeChip takes one chip out of the search text', () => {
  const example = '01/01/2015 5:10 pm admin deleted Smith';

  it('removes each chip of the model example and nothing else', () => {
    expect(without(example, 'date 01/01/2015')).toBe('5:10 pm admin deleted Smith');
    expect(without(example, '5:10 pm')).toBe('01/01/2015 admin deleted Smith');
    expect(without(example, 'staff admin')).toBe('01/01/2015 5:10 pm deleted Smith');
    expect(without(example, 'deleted')).toBe('01/01/2015 5:10 pm admin Smith');
    expect(without(example, 'Smith')).toBe('01/01/2015 5:10 pm admin deleted');
  });

  it('widens the range back to the whole day when the time goes', () => {
    const q = parseQuery(without(example, '5:10 pm'), OPTIONS);
    expect([q.from, q.to]).toEqual(['2015-01-01T06:00:00.000Z', '2015-01-02T06:00:00.000Z']);
  });

  it('removes a range word with its date', () => {
    expect(without('from 1/1/2015 to 1/31/2015 smith', 'to 1/31/2015')).toBe('from 1/1/2015 smith');
    expect(without('source:"Customer Portal" smith', 'source Customer Portal')).toBe('smith');
  });

  it('removes the occurrence the chip came from, not an earlier one inside another word', () => {
    const text = 'administrator admin';
    const chip = parseQuery(text, OPTIONS).chips.find((c) => c.kind === 'staff')!;
    expect(removeChip(text, chip)).toBe('administrator');
    expect(removeChip(text, { raw: 'admin' })).toBe('administrator');
  });

  it('removes the second of two equal words when that chip is the second', () => {
    const [, second] = parseQuery('smith -jones smith', OPTIONS).chips.filter((c) => c.value === 'smith');
    expect(removeChip('smith -jones smith', second!)).toBe('smith -jones');
  });

  it('leaves the text alone when the chip is not in it', () => {
    expect(removeChip('admin deleted', { raw: 'Smith' })).toBe('admin deleted');
  });
});
