import { addDays, addMonths, startOfWeek, weekday, type CivilDate } from './calendar.ts';
import { type MaskedText, matches } from './spans.ts';
import type { DayRange } from './dates.ts';

const WEEKDAYS = ['sunday', 'monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday'];
const SMALL_NUMBERS: Record<string, number> = { a: 1, an: 1, one: 1, two: 2, three: 3, four: 4, five: 5, six: 6, seven: 7, eight: 8, nine: 9, ten: 10 };
const COUNT = String.raw`(\d{1,3}|an?|one|two|three|four|five|six|seven|eight|nine|ten)`;
const UNIT = String.raw`(day|week|month|year)s?`;

type Unit = 'day' | 'week' | 'month' | 'year';

function count(word: string): number {
  return SMALL_NUMBERS[word.toLowerCase()] ?? Number(word);
}

function shift(date: CivilDate, unit: Unit, n: number): CivilDate {
  if (unit === 'day') return addDays(date, n);
  if (unit === 'week') return addDays(date, 7 * n);
  return addMonths(date, unit === 'month' ? n : 12 * n);
}

/** The calendar week, month or year that holds `date`. */
function period(date: CivilDate, unit: Exclude<Unit, 'day'>): { first: CivilDate; end: CivilDate } {
  if (unit === 'week') {
    const first = startOfWeek(date);
    return { first, end: addDays(first, 7) };
  }
  if (unit === 'month') {
    const first = { ...date, day: 1 };
    return { first, end: addMonths(first, 1) };
  }
  const first = { year: date.year, month: 1, day: 1 };
  return { first, end: { year: date.year + 1, month: 1, day: 1 } };
}

/** Each pattern turns its match into whole days, counted from today in the business time zone. */
const RULES: Array<{ pattern: RegExp; days: (m: RegExpExecArray, today: CivilDate) => { first: CivilDate; end: CivilDate } }> = [
  {
    pattern: /\b(?:the\s+)?day\s+before\s+yesterday\b/i,
    days: (_m, today) => ({ first: addDays(today, -2), end: addDays(today, -1) }),
  },
  { pattern: /\btoday\b/i, days: (_m, today) => ({ first: today, end: addDays(today, 1) }) },
  { pattern: /\byesterday\b/i, days: (_m, today) => ({ first: addDays(today, -1), end: today }) },
  {
    // Rolling windows end today: "last 7 days" is today and the six days before it.
    pattern: new RegExp(String.raw`\b(?:last|past|previous)\s+${COUNT}\s+${UNIT}\b`, 'i'),
    days: (m, today) => ({ first: addDays(shift(today, (m[2] ?? '').toLowerCase() as Unit, -count(m[1] ?? '')), 1), end: addDays(today, 1) }),
  },
  {
    pattern: new RegExp(String.raw`\b${COUNT}\s+${UNIT}\s+ago\b`, 'i'),
    days: (m, today) => {
      const day = shift(today, (m[2] ?? '').toLowerCase() as Unit, -count(m[1] ?? ''));
      return { first: day, end: addDays(day, 1) };
    },
  },
  {
    // "past week" is the rolling seven days; "last week" is the calendar week before this one.
    pattern: /\bpast\s+(week|month|year)\b/i,
    days: (m, today) => ({ first: addDays(shift(today, (m[1] ?? '').toLowerCase() as Unit, -1), 1), end: addDays(today, 1) }),
  },
  {
    pattern: /\b(this|last|previous)\s+(week|month|year)\b/i,
    days: (m, today) => {
      const unit = (m[2] ?? '').toLowerCase() as 'week' | 'month' | 'year';
      const back = (m[1] ?? '').toLowerCase() === 'this' ? 0 : -1;
      return period(shift(today, unit, back), unit);
    },
  },
  {
    // An audit log looks back: a bare weekday is the latest one up to today, "last" the latest before today.
    pattern: new RegExp(String.raw`\b(?:(last|this|previous)\s+)?(${WEEKDAYS.join('|')})\b`, 'i'),
    days: (m, today) => {
      const target = WEEKDAYS.indexOf((m[2] ?? '').toLowerCase());
      const strictlyBefore = m[1] !== undefined && m[1].toLowerCase() !== 'this';
      let back = (weekday(today) - target + 7) % 7;
      if (back === 0 && strictlyBefore) back = 7;
      const day = addDays(today, -back);
      return { first: day, end: addDays(day, 1) };
    },
  },
];

/** Finds "today", "last week", "3 days ago", "monday" … in what is left of the text and blanks them out. */
export function takeRelativeDates(text: MaskedText, today: CivilDate): DayRange[] {
  const found: DayRange[] = [];
  for (const rule of RULES) {
    for (const { match, span } of matches(text.current, rule.pattern)) {
      const { first, end } = rule.days(match, today);
      found.push({ span, first, end });
      text.mask(span);
    }
  }
  return found;
}
