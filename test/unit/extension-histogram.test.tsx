// @vitest-environment happy-dom
import { cleanup, fireEvent, render, screen } from '@testing-library/preact';
import { afterEach, describe, expect, it } from 'vitest';
import { ActivityHistogram } from '../../extension/components/ActivityHistogram.tsx';

describe('activity histogram', () => {
  afterEach(cleanup);

  const days = [
    { day: '2026-01-13', count: 4 },
    { day: '2026-01-15', count: 1 },
  ];

  it('labels each day with its count, and shows days without matches as empty', () => {
    render(<ActivityHistogram days={days} dateOrder="MDY" onPickDay={() => {}} />);
    const bars = screen.getAllByRole('button');
    expect(bars.map((b) => b.getAttribute('aria-label'))).toEqual(['01/13/2026: 4 matches', '01/14/2026: 0 matches', '01/15/2026: 1 match']);
  });

  it('shows the span of days and the busiest day under the bars', () => {
    render(<ActivityHistogram days={days} dateOrder="DMY" onPickDay={() => {}} />);
    const axis = screen.getByTestId('activity-histogram').querySelector('.histogram-axis')!;
    expect([...axis.children].map((c) => c.textContent)).toEqual(['13/01/2026', 'busiest day: 4', '15/01/2026']);
  });

  it('narrows to a day when its bar is clicked or chosen with the keyboard', () => {
    const picked: string[] = [];
    render(<ActivityHistogram days={days} dateOrder="DMY" onPickDay={(day) => picked.push(day)} />);
    fireEvent.click(screen.getByRole('button', { name: '15/01/2026: 1 match' }));
    fireEvent.keyDown(screen.getByRole('button', { name: '13/01/2026: 4 matches' }), { key: 'Enter' });
    expect(picked).toEqual(['2026-01-15', '2026-01-13']);
  });

  it('draws nothing when nothing matched', () => {
    const { container } = render(<ActivityHistogram days={[]} dateOrder="MDY" onPickDay={() => {}} />);
    expect(container.innerHTML).toBe('');
  });
});
