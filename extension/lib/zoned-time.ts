/**
 * Calendar days and wall-clock times in the business time zone (facets.timezone), not the browser's:
 * an admin abroad must see the same "today" and the same times as the office.
 */

const partsFormatters = new Map<string, Intl.DateTimeFormat>();

function wallClock(instant: Date, timeZone: string): Record<'year' | 'month' | 'day' | 'hour' | 'minute' | 'second', number> {
  let formatter = partsFormatters.get(timeZone);
  if (!formatter) {
    formatter = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
    });
    partsFormatters.set(timeZone, formatter);
  }
  const out = { year: 0, month: 0, day: 0, hour: 0, minute: 0, second: 0 };
  for (const part of formatter.formatToParts(instant)) {
    if (part.type in out) out[part.type as keyof typeof out] = Number(part.value);
  }
  return out;
}

const pad = (n: number, width = 2) => String(n).padStart(width, '0');

/** "YYYY-MM-DD" of the instant's calendar day in the zone. */
export function dayIn(instant: Date, timeZone: string): string {
  const w = wallClock(instant, timeZone);
  return `${w.year}-${pad(w.month)}-${pad(w.day)}`;
}

export function addDays(day: string, days: number): string {
  const [y, m, d] = day.split('-').map(Number);
  return new Date(Date.UTC(y!, m! - 1, d! + days)).toISOString().slice(0, 10);
}

/** The UTC instant at which `day` begins in the zone (DST-safe: the offset is re-read at the result). */
export function startOfDayIso(day: string, timeZone: string): string {
  const [y, m, d] = day.split('-').map(Number);
  const naive = Date.UTC(y!, m! - 1, d!);
  const offsetAt = (t: number) => {
    const w = wallClock(new Date(t), timeZone);
    return Date.UTC(w.year, w.month - 1, w.day, w.hour, w.minute, w.second) - t;
  };
  let guess = naive - offsetAt(naive);
  guess = naive - offsetAt(guess);
  return new Date(guess).toISOString();
}

/** "01/15/2026 5:10:03 PM" (MDY) or "15/01/2026 17:10:03" (DMY), in the zone. */
export function formatDateTime(iso: string, timeZone: string, dateOrder: 'MDY' | 'DMY'): string {
  const w = wallClock(new Date(iso), timeZone);
  if (dateOrder === 'DMY') {
    return `${pad(w.day)}/${pad(w.month)}/${w.year} ${pad(w.hour)}:${pad(w.minute)}:${pad(w.second)}`;
  }
  const hour12 = w.hour % 12 === 0 ? 12 : w.hour % 12;
  return `${pad(w.month)}/${pad(w.day)}/${w.year} ${hour12}:${pad(w.minute)}:${pad(w.second)} ${w.hour < 12 ? 'AM' : 'PM'}`;
}

/** A "YYYY-MM-DD" day written the way the admins write dates. */
export function formatDay(day: string, dateOrder: 'MDY' | 'DMY'): string {
  const [y, m, d] = day.split('-');
  return dateOrder === 'DMY' ? `${d}/${m}/${y}` : `${m}/${d}/${y}`;
}
