import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseQuery } from '../../../shared/query/parse.ts';
import { removeChip } from '../../../shared/query/remove-chip.ts';
import type { Chip, ParseOptions } from '../../../shared/query/types.ts';

const OPTIONS: ParseOptions = {
  timezone: 'America/Chicago',
  dateOrder: 'MDY',
  now: new Date('2026-03-11T15:00:00Z'),
  usernames: ['admin', 'pat.admin', 'jsmith'],
  types: ['student', 'family'],
};

/** Pieces an admin might type, including the awkward ones: range words, bad qualifiers, stray quotes. */
const WORDS = [
  '01/01/2015',
  '1/1/15',
  '2015-01-01',
  'Jan',
  '1',
  '2015',
  '5:10',
  'pm',
  '5pm',
  '17:10',
  'noon',
  '11/1/2026',
  '1:30',
  'am',
  'today',
  'yesterday',
  'last',
  'week',
  'monday',
  '3',
  'days',
  'ago',
  'from',
  'to',
  'between',
  'and',
  'since',
  'before',
  'admin',
  'admn',
  'jsmith',
  'deleted',
  'delted',
  'enrolled',
  'logged',
  'in',
  'check-in',
  'customer',
  'portal',
  'kiosk',
  'Smith',
  'Jones',
  'students',
  'the',
  'by',
  '10.0.0.7',
  'staff:admin',
  'source:"Customer Portal"',
  'from:2015-01-01',
  'to:bad',
  'ip:',
  '"mary jane"',
  '-jones',
  '-',
  '"',
  ',',
  ':',
];
const sentences = fc.array(fc.tuple(fc.constantFrom(...WORDS), fc.constantFrom(' ', '  ', ', ')), { maxLength: 10 }).map((parts) =>
  parts
    .map(([w, sep]) => w + sep)
    .join('')
    .trim(),
);

const key = (c: Chip) => `${c.kind}|${c.raw}`;
const count = (chips: Chip[], k: string) => chips.filter((c) => key(c) === k).length;

describe('parseQuery on any text', () => {
  it('never throws, whatever the text', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme', maxLength: 80 }), (text) => {
        parseQuery(text, OPTIONS);
      }),
      { numRuns: 1000 },
    );
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 40 }), (text) => {
        parseQuery(text, OPTIONS);
      }),
      { numRuns: 500 },
    );
  });

  it('points every chip at the exact text it came from', () => {
    fc.assert(
      fc.property(sentences, (text) => {
        for (const chip of parseQuery(text, OPTIONS).chips) {
          expect(text.slice(chip.start, chip.start! + chip.raw.length)).toBe(chip.raw);
        }
      }),
      { numRuns: 500 },
    );
  });

  it('removing any chip leaves text that parses without that chip', () => {
    fc.assert(
      fc.property(sentences, (text) => {
        const { chips } = parseQuery(text, OPTIONS);
        for (const chip of chips) {
          const rest = parseQuery(removeChip(text, chip), OPTIONS).chips;
          expect(count(rest, key(chip)), `${text} minus ${chip.raw}`).toBeLessThan(count(chips, key(chip)));
        }
      }),
      { numRuns: 300 },
    );
  });

  it('reads any date alone as that whole day in the business zone, 23 to 25 hours long', () => {
    const days = fc.date({ min: new Date('1990-01-01T00:00:00Z'), max: new Date('2060-12-31T00:00:00Z'), noInvalidDate: true });
    const zones = fc.constantFrom('America/Chicago', 'Europe/London', 'Asia/Kolkata', 'Australia/Lord_Howe', 'America/Santiago');
    fc.assert(
      fc.property(days, zones, (day, timezone) => {
        const iso = day.toISOString().slice(0, 10);
        const q = parseQuery(iso, { ...OPTIONS, timezone });
        const hours = (Date.parse(q.to!) - Date.parse(q.from!)) / 3_600_000;
        expect([23, 23.5, 24, 24.5, 25]).toContain(hours);
        const local = new Intl.DateTimeFormat('en-CA', { timeZone: timezone, year: 'numeric', month: '2-digit', day: '2-digit' });
        expect(local.format(new Date(q.from!))).toBe(iso);
        expect(local.format(new Date(Date.parse(q.from!) - 1))).not.toBe(iso);
      }),
      { numRuns: 400 },
    );
  });
});
