import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { wallTimeAt, zonedToUtc } from '../../shared/time/zoned-time.ts';

const ZONES = ['America/Chicago', 'Europe/London', 'Australia/Lord_Howe', 'Asia/Kolkata', 'America/Santiago', 'Pacific/Chatham', 'UTC'];
const instants = fc.date({ min: new Date('2000-01-01T00:00:00Z'), max: new Date('2040-01-01T00:00:00Z'), noInvalidDate: true });

describe('wall clock ↔ instant in an IANA zone', () => {
  it('reads Chicago around both DST changes of 2026', () => {
    expect(zonedToUtc({ year: 2026, month: 3, day: 8, hour: 1, minute: 59 }, 'America/Chicago')).toEqual({ instant: new Date('2026-03-08T07:59:00Z') });
    expect(zonedToUtc({ year: 2026, month: 3, day: 8, hour: 2, minute: 0 }, 'America/Chicago')).toEqual({ instant: new Date('2026-03-08T08:00:00Z'), note: 'gap' });
    expect(zonedToUtc({ year: 2026, month: 3, day: 8, hour: 3, minute: 0 }, 'America/Chicago')).toEqual({ instant: new Date('2026-03-08T08:00:00Z') });
    expect(zonedToUtc({ year: 2026, month: 11, day: 1, hour: 1, minute: 0 }, 'America/Chicago')).toEqual({ instant: new Date('2026-11-01T06:00:00Z'), note: 'ambiguous' });
    expect(zonedToUtc({ year: 2026, month: 11, day: 1, hour: 2, minute: 0 }, 'America/Chicago')).toEqual({ instant: new Date('2026-11-01T08:00:00Z') });
  });

  it('finds the instant of any wall time it reads back, the first one when it happened twice', () => {
    fc.assert(
      fc.property(instants, fc.constantFrom(...ZONES), (date, zone) => {
        const instant = new Date(Math.floor(date.getTime() / 60_000) * 60_000);
        const wall = wallTimeAt(instant, zone);
        const back = zonedToUtc(wall, zone);
        expect(wallTimeAt(back.instant, zone)).toEqual(wall);
        expect(back.note).not.toBe('gap');
        if (back.note === 'ambiguous') expect(back.instant.getTime()).toBeLessThan(instant.getTime() + 1);
        else expect(back.instant).toEqual(instant);
      }),
      { numRuns: 500 },
    );
  });
});
