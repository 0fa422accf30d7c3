// @vitest-environment happy-dom
import { cleanup, fireEvent, render, screen } from '@testing-library/preact';
import { afterEach, describe, expect, it } from 'vitest';
import { ActivityHistogram } from '../../../../extension/components/ActivityHistogram.tsx';
import type { HistogramBar, HistogramBucket } from '../../../../shared/api.ts';

type Range = { from: string; to: string };
const chart = (bars: HistogramBar[], bucket: HistogramBucket, picked: Range[] = [], dateOrder: 'MDY' | 'DMY' = 'MDY') =>
  render(<ActivityHistogram bars={bars} bucket={bucket} dateOrder={dateOrder} onPick={(range) => picked.push(range)} />);
const bars = () => screen.getAllByTestId('histogram-bar');
const labels = () => bars().map((b) => b.getAttribute('aria-label'));

const days: HistogramBar[] = [
  { day: '2026-01-13', count: 4 },
  { day: '2026-01-15', count: 1 },
];

describe('activity histogram', () => {
  afterEach(cleanup);

  it('labels each bar with its span and count, and shows empty buckets as empty bars', () => {
    chart(days, 'day');
    expect(labels()).toEqual(['01/13/2026: 4 matches', '01/14/2026: 0 matches', '01/15/2026: 1 match']);
  });

  it('makes every bar keyboard-focusable: lower-case tabindex, which SVG needs', () => {
    chart(days, 'day');
    for (const bar of bars()) {
      expect(bar.getAttributeNames()).toContain('tabindex');
      expect(bar.getAttributeNames()).not.toContain('tabIndex');
      expect((bar as unknown as SVGElement).tabIndex).toBe(0);
      expect(bar.getAttribute('role')).toBe('button');
    }
  });

  it('counts by the bucket the API chose: hours, weeks, months, with date ticks under the bars', () => {
    chart(
      [
        { day: '2026-12-01', hour: 7, count: 2 },
        { day: '2026-12-01', hour: 9, count: 5 },
      ],
      'hour',
    );
    expect(labels()).toEqual(['12/01/2026 07:00: 2 matches', '12/01/2026 08:00: 0 matches', '12/01/2026 09:00: 5 matches']);
    expect(screen.getAllByTestId('histogram-tick').map((t) => t.textContent)).toEqual(['12/01/2026 07:00', '12/01/2026 08:00', '12/01/2026 09:00']);
    cleanup();
    chart(
      [
        { day: '2026-11-30', count: 3 },
        { day: '2026-12-14', count: 1 },
      ],
      'week',
      [],
      'DMY',
    );
    expect(labels()).toEqual(['week of 30/11/2026: 3 matches', 'week of 07/12/2026: 0 matches', 'week of 14/12/2026: 1 match']);
    cleanup();
    chart(
      Array.from({ length: 24 }, (_, i) => ({ day: `${2025 + Math.floor(i / 12)}-${String((i % 12) + 1).padStart(2, '0')}-01`, count: i + 1 })),
      'month',
    );
    expect(bars()).toHaveLength(24);
    expect(labels()[23]).toBe('Dec 2026: 24 matches');
    expect(screen.getAllByTestId('histogram-tick').map((t) => t.textContent)).toEqual(['Jan 2025', 'Sep 2025', 'Apr 2026', 'Dec 2026']);
  });

  it('shows the count in a tooltip when a bar is pointed at or focused', () => {
    chart(days, 'day');
    expect(screen.queryByTestId('histogram-tooltip')).toBeNull();
    fireEvent.pointerEnter(bars()[0]!);
    expect(screen.getByRole('tooltip').textContent).toBe('01/13/2026: 4 matches');
    fireEvent.focus(bars()[2]!);
    expect(screen.getByRole('tooltip').textContent).toBe('01/15/2026: 1 match');
  });

  it('narrows to a bar on click or Enter (a whole week or month), and to a dragged run of bars', () => {
    const picked: Range[] = [];
    chart(days, 'day', picked);
    fireEvent.click(bars()[2]!);
    fireEvent.keyDown(bars()[0]!, { key: 'Enter' });
    fireEvent.pointerDown(bars()[0]!);
    fireEvent.pointerEnter(bars()[1]!);
    fireEvent.pointerEnter(bars()[2]!);
    fireEvent.pointerUp(bars()[2]!);
    fireEvent.click(bars()[2]!.parentElement!);
    expect(picked).toEqual([
      { from: '2026-01-15', to: '2026-01-15' },
      { from: '2026-01-13', to: '2026-01-13' },
      { from: '2026-01-13', to: '2026-01-15' },
    ]);
    cleanup();
    const weeks: Range[] = [];
    chart([{ day: '2026-11-30', count: 3 }], 'week', weeks);
    fireEvent.keyDown(bars()[0]!, { key: 'Enter' });
    cleanup();
    chart([{ day: '2026-02-01', count: 3 }], 'month', weeks);
    fireEvent.click(bars()[0]!);
    cleanup();
    chart([{ day: '2026-02-01', hour: 23, count: 3 }], 'hour', weeks);
    fireEvent.click(bars()[0]!);
    expect(weeks).toEqual([
      { from: '2026-11-30', to: '2026-12-06' },
      { from: '2026-02-01', to: '2026-02-28' },
      { from: '2026-02-01T23:00', to: '2026-02-01T23:00' },
    ]);
  });

  it('draws nothing when nothing matched', () => {
    const { container } = chart([], 'day');
    expect(container.innerHTML).toBe('');
  });
});
