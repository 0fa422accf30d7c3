import { zonedToUtc } from './zoned-time.ts';

const ISO_INSTANT = /^(\d{4})-(\d{2})-(\d{2})[T ](\d{2}):(\d{2})(?::(\d{2})(\.\d{1,9})?)?(Z|[+-]\d{2}:?\d{2})?$/i;

/**
 * The one reading of an ISO instant, for the API's `from`/`to`, the CLI's --from/--to and the search
 * box's `from:` qualifier alike: with an offset (or Z) as written; without one, as a wall time in the
 * business time zone, which is how the admin reads every time the log shows. Milliseconds since the
 * epoch, or null when the text is not an instant or not a real time (February 30th, 24:00).
 */
export function parseInstant(value: string, timeZone: string): number | null {
  const m = ISO_INSTANT.exec(value.trim());
  if (!m) return null;
  const [year, month, day, hour, minute, second = 0] = m.slice(1, 7).map((part) => Number(part ?? 0)) as [number, number, number, number, number, number];
  const fraction = m[7] ? Math.floor(Number(m[7]) * 1000) : 0;
  const days = new Date(Date.UTC(year, month, 0)).getUTCDate();
  if (month < 1 || month > 12 || day < 1 || day > days || hour > 23 || minute > 59 || second > 59) return null;
  const offset = m[8];
  if (offset) {
    const t = Date.parse(`${m[1]}-${m[2]}-${m[3]}T${m[4]}:${m[5]}:${String(second).padStart(2, '0')}${offset.length === 5 ? `${offset.slice(0, 3)}:${offset.slice(3)}` : offset}`);
    return Number.isNaN(t) ? null : t + fraction;
  }
  return zonedToUtc({ year, month, day, hour, minute }, timeZone).instant.getTime() + second * 1000 + fraction;
}
