import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SearchResponse } from '../../shared/api.ts';
import { bearer, draft, startAdminFixture, type AdminFixture } from '../helpers/admin-api.ts';

/**
 * The histogram adapts to the range (issue 9): hours for a day or so, days for months, weeks for
 * a couple of years, months beyond, never much over 120 bars; or the bucket asked for. Days and
 * hours are the business zone's (America/Chicago in the fixture).
 */
let fx: AdminFixture;
const DAY = 86_400_000;
const START = Date.parse('2024-06-03T15:00:00.000Z');
const search = async (query: string) => {
  const res = await fx.request(`/api/entries?${query}`, { headers: bearer(fx.adminToken) });
  expect(res.status, res.text).toBe(200);
  return SearchResponse.parse(res.json());
};

beforeAll(async () => {
  // One entry a day for 900 days, plus three on 2026-11-21 (Chicago): 00:30, 00:40 and 13:05.
  const daily = Array.from({ length: 900 }, (_, i) => draft({ at: new Date(START + i * DAY).toISOString(), action: `Daily ${i}` }));
  const busy = ['2026-11-21T06:30:00.000Z', '2026-11-21T06:40:00.000Z', '2026-11-21T19:05:00.000Z'].map((at) => draft({ at, action: 'Busy day' }));
  // 2026-11-21T05:30Z is still the 20th in Chicago (23:30 CST).
  const eve = draft({ at: '2026-11-21T05:30:00.000Z', action: 'Busy eve' });
  fx = await startAdminFixture({ entries: [...daily, eve, ...busy].sort((a, b) => a.at.localeCompare(b.at)) });
});
afterAll(() => fx?.close());

describe('GET /api/entries histogram buckets', () => {
  it('picks months for 900 days, weeks for 200, days for 60, each within about 120 bars, and says which', async () => {
    const all = await search('q=');
    expect(all.bucket).toBe('month');
    expect(all.histogram.every((b) => b.day.endsWith('-01'))).toBe(true);
    expect(all.histogram.reduce((n, b) => n + b.count, 0)).toBe(all.total);

    const weeks = await search('from=2025-01-06&to=2025-07-20');
    expect(weeks.bucket).toBe('week');
    // Weeks start on Monday.
    expect(weeks.histogram.every((b) => new Date(`${b.day}T12:00:00Z`).getUTCDay() === 1)).toBe(true);
    expect(weeks.histogram.length).toBeLessThanOrEqual(120);
    expect(weeks.histogram.reduce((n, b) => n + b.count, 0)).toBe(weeks.total);

    const days = await search('from=2025-01-01&to=2025-03-01');
    expect(days.bucket).toBe('day');
    expect(days.histogram).toHaveLength(60);
  });

  it('counts one day by the hour, reading plain days (from=2026-11-21) in the business zone', async () => {
    const day = await search('from=2026-11-21&to=2026-11-21&q=busy');
    expect(day.bucket).toBe('hour');
    expect(day.total).toBe(3);
    expect(day.histogram).toEqual([
      { day: '2026-11-21', hour: 0, count: 2 },
      { day: '2026-11-21', hour: 13, count: 1 },
    ]);
  });

  it('uses the bucket asked for, and names the parameter when it is not one', async () => {
    const asked = await search('from=2026-11-21&to=2026-11-21&q=busy&bucket=day');
    expect(asked.bucket).toBe('day');
    expect(asked.histogram).toEqual([{ day: '2026-11-21', count: 3 }]);
    const weekly = await search('bucket=week');
    expect(weekly.bucket).toBe('week');
    const bad = await fx.request(`/api/entries?bucket=fortnight`, { headers: bearer(fx.adminToken) });
    expect(bad.status).toBe(400);
    expect(bad.json()).toMatchObject({ param: 'bucket' });
  });
});
