import type { CivilDate } from '../query/calendar.ts';
import { utcOffsetMs, wallClock } from './wall-clock.ts';

export { assertTimeZone } from './wall-clock.ts';

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

/** The wall clock in `timeZone` at `instant` (seconds dropped). */
export function wallTimeAt(instant: Date, timeZone: string): WallTime {
  const { year, month, day, hour, minute } = wallClock(instant, timeZone);
  return { year, month, day, hour, minute };
}

/**
 * The instant a wall time in `timeZone` names. Zones change offset at most once within a day or so,
 * so the offsets a day before and a day after are the only candidates worth trying.
 */
export function zonedToUtc(wall: WallTime, timeZone: string): ZonedInstant {
  const asUtc = Date.UTC(wall.year, wall.month - 1, wall.day, wall.hour, wall.minute);
  const before = utcOffsetMs(asUtc - 86_400_000, timeZone);
  const after = utcOffsetMs(asUtc + 86_400_000, timeZone);
  const fits = [...new Set([before, after])]
    .map((offset) => asUtc - offset)
    .filter((t) => utcOffsetMs(t, timeZone) === asUtc - t)
    .sort((a, b) => a - b);
  const [earliest] = fits;
  if (earliest !== undefined) return fits.length === 1 ? { instant: new Date(earliest) } : { instant: new Date(earliest), note: 'ambiguous' };
  // In a gap the old offset still describes how far the wall clock had got, so this lands just past the jump.
  return { instant: new Date(asUtc - before), note: 'gap' };
}

/** Start of `date` in `timeZone` as an instant. */
export function startOfDay(date: CivilDate, timeZone: string): Date {
  return zonedToUtc({ ...date, hour: 0, minute: 0 }, timeZone).instant;
}
