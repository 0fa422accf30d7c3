import { describe, expect, it } from 'vitest';
import { toSearchParams, EMPTY_SEARCH } from '../../../../extension/lib/search-state.ts';
import { recordForUrl } from '../../../../extension/lib/tab-record.ts';
import { FACETS } from '../../../helpers/extension-fixtures.ts';

describe('which record the active tab shows', () => {
  it('matches a portal page against the rules’ link templates', () => {
    expect(recordForUrl('http://127.0.0.1:8081/students/42', FACETS)).toEqual({ type: 'student', id: '42' });
    expect(recordForUrl('http://127.0.0.1:8081/students/42/?tab=notes#x', FACETS)).toEqual({ type: 'student', id: '42' });
    // A portal mounted below a path: the link is read below that base path.
    expect(recordForUrl('http://127.0.0.1:8082/families/students/7', FACETS)).toEqual({ type: 'student', id: '7' });
  });

  it('prefers the rule that names the record itself over one that links to a related record', () => {
    const links = [
      { type: 'enrollment', link: '/students/{body.studentId}' },
      { type: 'student', link: '/students/{params.id}' },
    ];
    expect(recordForUrl('http://127.0.0.1:8081/students/42', { ...FACETS, links })).toEqual({ type: 'student', id: '42' });
    expect(recordForUrl('http://127.0.0.1:8081/students/42', { ...FACETS, links: links.slice(0, 1) })).toEqual({ type: 'enrollment', id: '42' });
  });

  it('offers nothing for other pages, other hosts or no URL', () => {
    expect(recordForUrl('http://127.0.0.1:8081/students', FACETS)).toBeNull();
    expect(recordForUrl('http://127.0.0.1:8081/students/42/edit', FACETS)).toBeNull();
    expect(recordForUrl('http://example.com/students/42', FACETS)).toBeNull();
    expect(recordForUrl('chrome://newtab/', FACETS)).toBeNull();
    expect(recordForUrl(undefined, FACETS)).toBeNull();
  });
});

describe('date range presets in the business time zone', () => {
  // 03:00 UTC on Nov 26 is still Nov 25 in Chicago (CST, UTC-6).
  const now = new Date('2026-11-26T03:00:00Z');
  const range = (preset: typeof EMPTY_SEARCH.preset, extra = {}) => {
    const p = toSearchParams({ ...EMPTY_SEARCH, preset, ...extra }, 'America/Chicago', now);
    return [p.from, p.to];
  };

  it('sends today, yesterday and the last N days as plain local days, which the server reads in the business zone', () => {
    expect(range('any')).toEqual([undefined, undefined]);
    expect(range('today')).toEqual(['2026-11-25', '2026-11-25']);
    expect(range('yesterday')).toEqual(['2026-11-24', '2026-11-24']);
    expect(range('last7')).toEqual(['2026-11-19', '2026-11-25']);
    expect(range('last30')[0]).toBe('2026-10-27');
  });

  it('takes a custom range of days as days, and an hour picked on the chart as instants, across a DST change', () => {
    expect(range('custom', { fromDay: '2026-11-01', toDay: '2026-11-01' })).toEqual(['2026-11-01', '2026-11-01']);
    expect(range('custom', { fromDay: '2026-11-01' })).toEqual(['2026-11-01', undefined]);
    // DST ended at 2:00 on 2026-11-01 in Chicago: 3 am that day is 09:00 UTC (CST), 0 am was 05:00 UTC (CDT).
    expect(range('custom', { fromDay: '2026-11-01T00:00', toDay: '2026-11-01T03:00' })).toEqual(['2026-11-01T05:00:00.000Z', '2026-11-01T09:59:59.999Z']);
  });
});
