import { describe, expect, it } from 'vitest';
import { toSearchParams, EMPTY_SEARCH } from '../../extension/lib/search-state.ts';
import { recordForUrl } from '../../extension/lib/tab-record.ts';
import { FACETS } from '../helpers/extension-fixtures.ts';

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

  it('reads today, yesterday and the last N days as whole local days, `to` exclusive', () => {
    expect(range('any')).toEqual([undefined, undefined]);
    expect(range('today')).toEqual(['2026-11-25T06:00:00.000Z', '2026-11-26T06:00:00.000Z']);
    expect(range('yesterday')).toEqual(['2026-11-24T06:00:00.000Z', '2026-11-25T06:00:00.000Z']);
    expect(range('last7')).toEqual(['2026-11-19T06:00:00.000Z', '2026-11-26T06:00:00.000Z']);
    expect(range('last30')[0]).toBe('2026-10-27T05:00:00.000Z');
  });

  it('takes a custom range of days, across a DST change', () => {
    // DST ended on 2026-11-01 in Chicago: that day starts at 05:00 UTC and the next at 06:00 UTC.
    expect(range('custom', { fromDay: '2026-11-01', toDay: '2026-11-01' })).toEqual(['2026-11-01T05:00:00.000Z', '2026-11-02T06:00:00.000Z']);
    expect(range('custom', { fromDay: '2026-11-01' })).toEqual(['2026-11-01T05:00:00.000Z', undefined]);
  });
});
