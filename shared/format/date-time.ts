import { utcOffsetMs, wallClock } from '../time/wall-clock.ts';

const pad = (n: number, width = 2) => String(Math.abs(n)).padStart(width, '0');

/**
 * Date and time in the business time zone with its UTC offset, e.g. "2026-11-25 14:10:00 -06:00", for exports.
 * The offset is kept so a spreadsheet reader in another zone, or on the night DST ends, knows the instant.
 */
export function formatZonedTime(at: string | Date, timezone: string): string {
  const instant = new Date(at).getTime();
  const w = wallClock(instant, timezone);
  const offsetMinutes = Math.round(utcOffsetMs(instant, timezone) / 60_000);
  const sign = offsetMinutes < 0 ? '-' : '+';
  const offset = `${sign}${pad(Math.trunc(offsetMinutes / 60))}:${pad(offsetMinutes % 60)}`;
  return `${w.year}-${pad(w.month)}-${pad(w.day)} ${pad(w.hour)}:${pad(w.minute)}:${pad(w.second)} ${offset}`;
}

/**
 * Date and time the way the admins write them, in the business time zone (not the viewer's: an admin
 * abroad must see the office's times): "01/15/2026 5:10:03 PM" (MDY) or "15/01/2026 17:10:03" (DMY).
 */
export function formatDateTime(at: string | Date, timezone: string, dateOrder: 'MDY' | 'DMY'): string {
  const w = wallClock(new Date(at), timezone);
  if (dateOrder === 'DMY') return `${pad(w.day)}/${pad(w.month)}/${w.year} ${pad(w.hour)}:${pad(w.minute)}:${pad(w.second)}`;
  const hour12 = w.hour % 12 === 0 ? 12 : w.hour % 12;
  return `${pad(w.month)}/${pad(w.day)}/${w.year} ${hour12}:${pad(w.minute)}:${pad(w.second)} ${w.hour < 12 ? 'AM' : 'PM'}`;
}

/** A "YYYY-MM-DD" day written the way the admins write dates. */
export function formatDay(day: string, dateOrder: 'MDY' | 'DMY'): string {
  const [y, m, d] = day.split('-');
  return dateOrder === 'DMY' ? `${d}/${m}/${y}` : `${m}/${d}/${y}`;
}
