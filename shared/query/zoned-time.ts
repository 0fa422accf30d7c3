import type { CivilDate } from './calendar.ts';

/** A wall-clock reading in some time zone. */
export interface WallTime extends CivilDate {
  hour: number;
  minute: number;
}

/**
 * How a wall time maps to an instant: `gap` when the clocks jumped over it (spring forward; we read it
 * as the same time after the jump), `ambiguous` when it happened twice (fall back; we take the first).
 */
export interface ZonedInstant {
  instant: Date;
  note?: 'gap' | 'ambiguous';
}

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatter(timeZone: string): Intl.DateTimeFormat {
  let f = formatters.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
    });
    formatters.set(timeZone, f);
  }
  return f;
}

/** Throws a RangeError for a time zone name Intl does not know. */
export function assertTimeZone(timeZone: string): void {
  formatter(timeZone);
}

/** The wall clock in `timeZone` at `instant` (seconds dropped). */
export function wallTimeAt(instant: Date, timeZone: string): WallTime {
  const parts: Record<string, number> = {};
  for (const p of formatter(timeZone).formatToParts(instant)) {
    if (p.type !== 'literal') parts[p.type] = Number(p.value);
  }
  return { year: parts.year!, month: parts.month!, day: parts.day!, hour: parts.hour!, minute: parts.minute! };
}

/** Offset of the zone from UTC at `instant`, in milliseconds (Chicago in winter: −6 h). */
function offsetAt(instant: number, timeZone: string): number {
  const w = wallTimeAt(new Date(instant), timeZone);
  const seconds = new Date(instant).getUTCSeconds() * 1000 + new Date(instant).getUTCMilliseconds();
  return Date.UTC(w.year, w.month - 1, w.day, w.hour, w.minute) + seconds - instant;
}

/**
 * The instant a wall time in `timeZone` names. Zones change offset at most once within a day or so,
 * so the offsets a day before and a day after are the only candidates worth trying.
 */
export function zonedToUtc(wall: WallTime, timeZone: string): ZonedInstant {
  const asUtc = Date.UTC(wall.year, wall.month - 1, wall.day, wall.hour, wall.minute);
  const before = offsetAt(asUtc - 86_400_000, timeZone);
  const after = offsetAt(asUtc + 86_400_000, timeZone);
  const fits = [...new Set([before, after])]
    .map((offset) => asUtc - offset)
    .filter((t) => offsetAt(t, timeZone) === asUtc - t)
    .sort((a, b) => a - b);
  if (fits.length === 1) return { instant: new Date(fits[0]!) };
  if (fits.length > 1) return { instant: new Date(fits[0]!), note: 'ambiguous' };
  // In a gap the old offset still describes how far the wall clock had got, so this lands just past the jump.
  return { instant: new Date(asUtc - before), note: 'gap' };
}

/** Start of `date` in `timeZone` as an instant. */
export function startOfDay(date: CivilDate, timeZone: string): Date {
  return zonedToUtc({ ...date, hour: 0, minute: 0 }, timeZone).instant;
}
