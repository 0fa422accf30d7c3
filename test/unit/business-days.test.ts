import { expect, it } from 'vitest';
import { createBusinessDays } from '../../proxy/search/business-days.ts';

/** The local calendar day of an instant, straight from Intl, as days since 1970-01-01. */
function localDay(format: Intl.DateTimeFormat, ms: number): number {
  const [year, month, day] = format.format(ms).split('-').map(Number);
  return Date.UTC(year!, month! - 1, day) / 86_400_000;
}

it.each(['America/Chicago', 'America/Sao_Paulo', 'America/Havana', 'America/Santiago', 'Australia/Lord_Howe', 'Asia/Kathmandu', 'UTC'])(
  'puts every instant on the local calendar day Intl gives, across DST changes (%s)',
  (timezone) => {
    const days = createBusinessDays(timezone);
    const format = new Intl.DateTimeFormat('en-CA', { timeZone: timezone, year: 'numeric', month: '2-digit', day: '2-digit' });
    const wrong: string[] = [];
    // 2018, when several zones still changed at midnight, in steps of 14 minutes 13 seconds.
    for (let ms = Date.UTC(2018, 0, 1); ms < Date.UTC(2019, 0, 1); ms += 853_000) {
      if (days.dayOf(ms) !== localDay(format, ms)) wrong.push(new Date(ms).toISOString());
    }
    expect(wrong.slice(0, 5)).toEqual([]);
  },
);

it('starts each local day at its midnight, or just after a change that skips it', () => {
  const days = createBusinessDays('America/Sao_Paulo');
  // Brazil moved clocks forward at midnight on 2018-11-04: that day began at 01:00 local (03:00 UTC).
  expect(new Date(days.startOf(days.parse('2018-11-04')!)).toISOString()).toBe('2018-11-04T03:00:00.000Z');
  expect(new Date(days.startOf(days.parse('2018-11-05')!)).toISOString()).toBe('2018-11-05T02:00:00.000Z');
});
