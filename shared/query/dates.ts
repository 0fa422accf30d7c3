import * as chrono from 'chrono-node';
import { addDays, addMonths, compareDates, isValidDate, type CivilDate } from './calendar.ts';
import { takeRelativeDates } from './relative-dates.ts';
import { type MaskedText, matches, type Span } from './spans.ts';

/** Whole days [first, end) on the business calendar that a piece of text names. */
export interface DayRange {
  span: Span;
  first: CivilDate;
  end: CivilDate;
}

export type DateOrder = 'MDY' | 'DMY';

/** Strict mode: only real dates ("01/01/2015", "Jan 1 2015"), never casual words that are also names. */
const STRICT = {
  MDY: new chrono.en.Chrono(chrono.en.configuration.createConfiguration(true, false)),
  DMY: new chrono.en.Chrono(chrono.en.configuration.createConfiguration(true, true)),
};

const MONTHS = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'];
const MONTH_YEAR = /\b(jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sept?(?:ember)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\.?,?\s+(\d{4})\b/gi;

/** A date typed without a year is the latest such day up to today: an audit log looks back. */
function civil(components: chrono.ParsedComponents, today: CivilDate): CivilDate | undefined {
  const month = components.get('month');
  const day = components.get('day');
  if (!components.isCertain('day') || !components.isCertain('month') || month === null || day === null) return undefined;
  let year = (components.isCertain('year') ? components.get('year') : null) ?? today.year;
  if (!components.isCertain('year') && compareDates({ year, month, day }, today) > 0) year -= 1;
  return isValidDate(year, month, day) ? { year, month, day } : undefined;
}

/**
 * Chrono joins "1/1/2015 to 1/31/2015" into one result; blanking the range words keeps each date its
 * own chip, and the markers stage reads the words back as "from"/"to".
 */
const RANGE_WORDS = /\b(?:from|to|until|till|through|thru|between|and|since)\b|(?<=\s)[-–—](?=\s)/gi;

function takeChronoDates(text: MaskedText, today: CivilDate, order: DateOrder): DayRange[] {
  const found: DayRange[] = [];
  const input = text.current.replace(RANGE_WORDS, (w) => ' '.repeat(w.length));
  for (const result of STRICT[order].parse(input)) {
    const first = civil(result.start, today);
    if (!first) continue;
    const last = result.end ? civil(result.end, today) : first;
    if (!last || compareDates(last, first) < 0) continue;
    const span = { start: result.index, end: result.index + result.text.length };
    found.push({ span, first, end: addDays(last, 1) });
  }
  for (const d of found) text.mask(d.span);
  return found;
}

function takeMonthYears(text: MaskedText): DayRange[] {
  const found: DayRange[] = [];
  for (const { match, span } of matches(text.current, MONTH_YEAR)) {
    const first = { year: Number(match[2]), month: MONTHS.indexOf((match[1] ?? '').slice(0, 3).toLowerCase()) + 1, day: 1 };
    found.push({ span, first, end: addMonths(first, 1) });
  }
  for (const d of found) text.mask(d.span);
  return found;
}

/** Finds every date in what is left of the text, blanks it out, and returns them in text order. */
export function takeDates(text: MaskedText, today: CivilDate, order: DateOrder): DayRange[] {
  const relative = takeRelativeDates(text, today);
  const absolute = takeChronoDates(text, today, order);
  const months = takeMonthYears(text);
  return [...relative, ...absolute, ...months].sort((a, b) => a.span.start - b.span.start);
}
