/** The wall clock of an IANA time zone at an instant, read through Intl (the browser has no tz database of ours). */
export interface WallClock {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
}

const formatters = new Map<string, Intl.DateTimeFormat>();

/** Building a formatter costs far more than using one, and searches format thousands of instants. */
function formatterFor(timeZone: string): Intl.DateTimeFormat {
  let formatter = formatters.get(timeZone);
  if (!formatter) {
    formatter = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
    });
    formatters.set(timeZone, formatter);
  }
  return formatter;
}

/** Throws a RangeError for a time zone name Intl does not know. */
export function assertTimeZone(timeZone: string): void {
  formatterFor(timeZone);
}

export function wallClock(instant: Date | number, timeZone: string): WallClock {
  const out: WallClock = { year: 0, month: 0, day: 0, hour: 0, minute: 0, second: 0 };
  for (const part of formatterFor(timeZone).formatToParts(instant)) {
    if (part.type in out) out[part.type as keyof WallClock] = Number(part.value);
  }
  return out;
}

/** How far the zone's wall clock is ahead of UTC at `instant`, in ms (Chicago in winter: −6 h). */
export function utcOffsetMs(instant: number, timeZone: string): number {
  const w = wallClock(instant, timeZone);
  const wall = Date.UTC(w.year, w.month - 1, w.day, w.hour, w.minute, w.second);
  return wall - (instant - (((instant % 1000) + 1000) % 1000));
}
