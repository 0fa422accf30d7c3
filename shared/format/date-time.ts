import { wallClock } from '../time/wall-clock.ts';

const pad = (n: number) => String(n).padStart(2, '0');

/**
 * Date and time in the business time zone as spreadsheets parse it, "2026-12-01 07:12:04", for exports
 * and copies; the header names the zone (exportHeader), since a cell with an offset is read as text.
 */
export function formatSpreadsheetTime(at: string | Date, timezone: string): string {
  const w = wallClock(new Date(at).getTime(), timezone);
  return `${w.year}-${pad(w.month)}-${pad(w.day)} ${pad(w.hour)}:${pad(w.minute)}:${pad(w.second)}`;
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
