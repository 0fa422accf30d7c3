import { addDays, isoDate, type CivilDate } from './calendar.ts';
import type { DayRange } from './dates.ts';
import type { Role } from './markers.ts';
import type { Span } from './spans.ts';
import type { TimeOfDay } from './times.ts';
import type { Chip } from './types.ts';
import { startOfDay, zonedToUtc } from '../time/zoned-time.ts';

interface Bound {
  role: Role;
  /** "from", "to", "since" … as the chip says it; undefined when plain. */
  word?: string;
  /** Span of the chip: the element plus its marker word. */
  span: Span;
  /** What was typed for the element itself, for the chip label. */
  typed: string;
}

export type Temporal = (Bound & { kind: 'day'; day: DayRange }) | (Bound & { kind: 'time'; time: TimeOfDay }) | (Bound & { kind: 'instant'; at: Date });

export interface Resolved {
  from?: string;
  to?: string;
  chips: Array<Chip & { start: number }>;
  warnings: string[];
}

interface Interval {
  role: Role;
  start: number;
  end: number;
}

const MINUTE = 60_000;
const HOUR = 3_600_000;

function isSingleDay(d: DayRange): boolean {
  return isoDate(addDays(d.first, 1)) === isoDate(d.end);
}

/** Only a comma, "at" or "on" between a date and a time makes them one moment ("1/1/2015 at 5pm"). */
function adjacent(text: string, a: Span, b: Span): boolean {
  const [first, second] = a.start < b.start ? [a, b] : [b, a];
  return first.end <= second.start && /^[\s,]*(?:at|on|@)?[\s,]*$/i.test(text.slice(first.end, second.start));
}

function boundKind(role: Role, fallback: 'date' | 'time'): Chip['kind'] {
  if (role === 'from' || role === 'after') return 'from';
  if (role === 'to' || role === 'before') return 'to';
  return fallback;
}

function chipFor(text: string, b: Bound, fallback: 'date' | 'time', value: Date | undefined, note = ''): Chip & { start: number } {
  const kind = boundKind(b.role, fallback);
  const label = b.word ? `${b.word} ${b.typed}` : kind === 'date' ? `date ${b.typed}` : b.typed;
  const raw = text.slice(b.span.start, b.span.end);
  return { kind, label: label + note, raw, value: value?.toISOString() ?? '', start: b.span.start };
}

/**
 * Turns the dates and times found in the text into one [from, to) range and their chips. A time sits
 * on the date next to it; failing that on the query's only single-day date; failing that, when the
 * query has no dates, on today. Plain dates and times widen the range to cover them all; "from",
 * "since", "to", "until" bound one end and include their day (or hour, or minute); "before" and
 * "after" exclude it.
 */
export function resolveRange(text: string, elements: Temporal[], today: CivilDate, timeZone: string): Resolved {
  const days = elements.filter((e) => e.kind === 'day');
  const singleDays = days.filter((d) => isSingleDay(d.day));
  const timed = new Map<Temporal, Extract<Temporal, { kind: 'time' }>>();
  const times = elements.filter((e) => e.kind === 'time');
  const loose: typeof times = [];
  for (const t of times) {
    const host = singleDays.find((d) => !timed.has(d) && adjacent(text, d.span, t.span));
    if (host) timed.set(host, t);
    else loose.push(t);
  }
  const chips: Resolved['chips'] = [];
  const warnings: string[] = [];
  const intervals: Interval[] = [];

  const atTime = (date: CivilDate, t: Extract<Temporal, { kind: 'time' }>, role: Role) => {
    const z = zonedToUtc({ ...date, hour: t.time.hour, minute: t.time.minute ?? 0 }, timeZone);
    const start = z.instant.getTime();
    let note = '';
    if (z.note === 'gap') {
      note = ' (skipped by DST; read as after the jump)';
      warnings.push(`${t.typed} does not exist on ${isoDate(date)} in ${timeZone} (clocks jump forward); searching from ${z.instant.toISOString()}`);
    } else if (z.note === 'ambiguous') {
      note = ' (happens twice; the first)';
      warnings.push(`${t.typed} happens twice on ${isoDate(date)} in ${timeZone} (clocks fall back); searching the first one`);
    }
    chips.push(chipFor(text, t, 'time', z.instant, note));
    intervals.push({ role, start, end: start + (t.time.minute === undefined ? HOUR : MINUTE) });
  };

  const soleDay = singleDays.length === 1 ? singleDays[0] : undefined;
  const firstLoose = loose[0];
  if (soleDay && !timed.has(soleDay) && firstLoose) {
    timed.set(soleDay, firstLoose);
    loose.shift();
  }

  for (const e of elements) {
    if (e.kind === 'day') {
      const start = startOfDay(e.day.first, timeZone).getTime();
      const end = startOfDay(e.day.end, timeZone).getTime();
      const t = timed.get(e);
      const bound = e.role === 'after' || e.role === 'to' ? end : start;
      chips.push(chipFor(text, e, 'date', new Date(t ? start : bound)));
      if (t) atTime(e.day.first, t, e.role === 'plain' ? t.role : e.role);
      else intervals.push({ role: e.role, start, end });
    } else if (e.kind === 'instant') {
      chips.push(chipFor(text, e, 'date', e.at));
      const at = e.at.getTime();
      intervals.push({ role: e.role, start: at, end: e.role === 'plain' ? at + MINUTE : at });
    } else if (loose.includes(e) && (soleDay || days.length === 0)) {
      atTime(soleDay?.day.first ?? today, e, e.role);
    } else if (loose.includes(e)) {
      warnings.push(`${e.typed}: a time needs one day to sit on; it does not narrow a range of days`);
      chips.push(chipFor(text, e, 'time', undefined));
    }
  }

  const starts = intervals.flatMap((i) => (i.role === 'plain' || i.role === 'from' ? [i.start] : i.role === 'after' ? [i.end] : []));
  const ends = intervals.flatMap((i) => (i.role === 'plain' || i.role === 'to' ? [i.end] : i.role === 'before' ? [i.start] : []));
  return {
    from: starts.length ? new Date(Math.min(...starts)).toISOString() : undefined,
    to: ends.length ? new Date(Math.max(...ends)).toISOString() : undefined,
    chips,
    warnings,
  };
}
