import { expect, it } from 'vitest';
import { parseInstant } from '../../shared/time/instant.ts';

const CHICAGO = 'America/Chicago';

it('reads an instant with an offset as written, whatever the business zone', () => {
  expect(parseInstant('2026-11-25T16:00:00Z', CHICAGO)).toBe(Date.UTC(2026, 10, 25, 16));
  expect(parseInstant('2026-11-25T10:00:00-06:00', CHICAGO)).toBe(Date.UTC(2026, 10, 25, 16));
  expect(parseInstant('2026-11-25T10:00:00.250-0600', 'Asia/Tokyo')).toBe(Date.UTC(2026, 10, 25, 16, 0, 0, 250));
});

it('reads an instant without an offset as a wall time in the business zone (CST in November, CDT in July)', () => {
  expect(parseInstant('2026-11-25T10:00', CHICAGO)).toBe(Date.UTC(2026, 10, 25, 16));
  expect(parseInstant('2026-07-04T12:00:30.5', CHICAGO)).toBe(Date.UTC(2026, 6, 4, 17, 0, 30, 500));
  expect(parseInstant('2026-11-25 10:00', 'UTC')).toBe(Date.UTC(2026, 10, 25, 10));
});

it('refuses what is not a real instant', () => {
  for (const bad of ['2026-02-30T10:00', '2026-13-01T10:00', '2026-11-25T24:00', '2026-11-25', 'yesterday', '2026-11-25T10:00+25']) {
    expect(parseInstant(bad, CHICAGO), bad).toBeNull();
  }
});
