/**
 * Date and time in the business time zone with its UTC offset, e.g. "2026-11-25 14:10:00 -06:00".
 * The offset is kept so a spreadsheet reader in another zone, or on the night DST ends, knows the instant.
 */
const formatters = new Map<string, Intl.DateTimeFormat>();

function formatterFor(timezone: string): Intl.DateTimeFormat {
  let formatter = formatters.get(timezone);
  if (!formatter) {
    formatter = new Intl.DateTimeFormat('en-US', {
      timeZone: timezone,
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
      hourCycle: 'h23',
      timeZoneName: 'longOffset',
    });
    formatters.set(timezone, formatter);
  }
  return formatter;
}

export function formatZonedTime(at: string | Date, timezone: string): string {
  const parts: Record<string, string> = {};
  for (const part of formatterFor(timezone).formatToParts(new Date(at))) parts[part.type] = part.value;
  // longOffset gives "GMT-06:00", or plain "GMT" at UTC+0.
  const offset = parts.timeZoneName === 'GMT' ? '+00:00' : parts.timeZoneName!.replace('GMT', '');
  return `${parts.year}-${parts.month}-${parts.day} ${parts.hour}:${parts.minute}:${parts.second} ${offset}`;
}
