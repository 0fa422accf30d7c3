import { type MaskedText, matches, type Span } from './spans.ts';

/** A time of day as typed: with minutes it means that minute, without them that whole hour. */
export interface TimeOfDay {
  span: Span;
  hour: number;
  minute?: number;
}

const MERIDIEM = String.raw`(a\.?m\.?|p\.?m\.?)`;
/** "5:10 pm", "17:10", "05:10:30"; the lookarounds keep IPs, ratios and longer numbers out. */
const CLOCK = new RegExp(String.raw`(?<![\w.:/-])(\d{1,2}):(\d{2})(?::\d{2})?(?:\s*${MERIDIEM}(?![\w]))?(?![\w:/])`, 'gi');
/** "5pm", "5 pm", "12 a.m." — an hour needs a meridiem, or a bare number would be a time. */
const HOUR = new RegExp(String.raw`(?<![\w.:/-])(\d{1,2})\s*${MERIDIEM}(?![\w])`, 'gi');
const NAMED = /(?<![\w-])(noon|midnight)(?![\w-])/gi;

function to24(hour: number, meridiem: string | undefined): number | undefined {
  const pm = meridiem?.toLowerCase().startsWith('p');
  // "13:00 pm" is a 24-hour time with a redundant meridiem, not a mistake worth losing.
  if (!meridiem || (pm && hour > 12)) return hour <= 23 ? hour : undefined;
  if (hour < 1 || hour > 12) return undefined;
  return (hour % 12) + (pm ? 12 : 0);
}

/** Finds the times of day in what is left of the text and blanks them out. */
export function takeTimes(text: MaskedText): TimeOfDay[] {
  const found: TimeOfDay[] = [];
  for (const { match, span } of matches(text.current, CLOCK)) {
    const hour = to24(Number(match[1]), match[3]);
    const minute = Number(match[2]);
    if (hour !== undefined && minute <= 59) found.push({ span, hour, minute });
  }
  for (const t of found) text.mask(t.span);
  const hours: TimeOfDay[] = [];
  for (const { match, span } of matches(text.current, HOUR)) {
    const hour = to24(Number(match[1]), match[2]);
    if (hour !== undefined) hours.push({ span, hour });
  }
  for (const { match, span } of matches(text.current, NAMED)) {
    hours.push({ span, hour: match[1]?.toLowerCase() === 'noon' ? 12 : 0, minute: 0 });
  }
  for (const t of hours) text.mask(t.span);
  return [...found, ...hours].sort((a, b) => a.span.start - b.span.start);
}
