import { useEffect, useRef, useState } from 'preact/hooks';
import type { HistogramBar, HistogramBucket } from '../../shared/api.ts';
import { barLabel, chartBars, type ChartBar } from '../lib/histogram-bars.ts';

interface Props {
  bars: readonly HistogramBar[];
  bucket: HistogramBucket;
  dateOrder: 'MDY' | 'DMY';
  /** Narrows the search to the bars picked (one, or a dragged run), as inclusive SearchState days or hours. */
  onPick: (range: { from: string; to: string }) => void;
}

const HEIGHT = 60;
/** Bars are never wider than a 30th of the chart, so a search over a few hours does not draw a wall. */
const MIN_SLOTS = 30;
/** Date ticks under the chart: first, last and evenly between. */
const TICKS = 4;

const matches = (n: number) => `${n.toLocaleString('en-US')} ${n === 1 ? 'match' : 'matches'}`;

function tickIndexes(count: number): number[] {
  if (count <= TICKS) return [...Array(count).keys()];
  return [...new Set(Array.from({ length: TICKS }, (_, i) => Math.round((i * (count - 1)) / (TICKS - 1))))];
}

/**
 * Matches per hour, day, week or month (the API's bucket, in the business zone) as SVG bars. Each bar
 * is a keyboard-focusable button with its own label; hovering or focusing one shows its count; a click
 * or Enter narrows the search to it, and dragging across bars narrows to their whole span.
 * Try it: `npm start`, sidebar, empty search; for months of bars, seed a log with
 * `node bin/portal-audit.mjs dev seed --entries 20000 --days 60 --data-dir data/seeded`.
 */
export function ActivityHistogram({ bars: matched, bucket, dateOrder, onPick }: Props) {
  const [pointed, setPointed] = useState<number | null>(null);
  const [drag, setDrag] = useState<{ from: number; to: number } | null>(null);
  // The press being dragged, read by the handlers of the same gesture (state would lag a render behind).
  const pressed = useRef<{ from: number; to: number } | null>(null);
  // A press released on the chart was picked already: the click that follows it is not a second pick.
  const releasedHere = useRef(false);
  const setPress = (range: { from: number; to: number } | null) => {
    pressed.current = range;
    setDrag(range);
  };

  // A drag that ends outside the chart picks nothing.
  useEffect(() => {
    const cancel = () => pressed.current && setPress(null);
    document.addEventListener('pointerup', cancel);
    return () => document.removeEventListener('pointerup', cancel);
  }, []);

  const bars = chartBars(matched, bucket);
  if (bars.length === 0) return null;
  const max = Math.max(...bars.map((b) => b.count));
  const width = 100 / Math.max(bars.length, MIN_SLOTS);
  const label = (bar: ChartBar) => `${barLabel(bar.start, bucket, dateOrder)}: ${matches(bar.count)}`;
  const pick = (a: number, b: number) => {
    const first = bars[Math.min(a, b)];
    const last = bars[Math.max(a, b)];
    if (first && last) onPick({ from: first.from, to: last.to });
  };
  const inDrag = (i: number) => drag !== null && i >= Math.min(drag.from, drag.to) && i <= Math.max(drag.from, drag.to);
  const indexOf = (target: EventTarget | null) => {
    const index = (target as Element | null)?.closest?.('[data-index]')?.getAttribute('data-index');
    return index == null ? null : Number(index);
  };

  return (
    <figure class="histogram" data-testid="activity-histogram" data-bucket={bucket}>
      <figcaption class="visually-hidden">Matches per {bucket}; choose a bar to narrow the search to it, or drag across bars for a range</figcaption>
      <svg
        viewBox={`0 0 100 ${HEIGHT}`}
        preserveAspectRatio="none"
        role="group"
        aria-label={`Matches per ${bucket}`}
        onPointerUp={() => {
          const range = pressed.current;
          setPress(null);
          if (!range) return;
          releasedHere.current = true;
          pick(range.from, range.to);
        }}
        // A click without a press before it (assistive technology, a test's click()) picks its bar.
        onClick={(event) => {
          if (releasedHere.current) {
            releasedHere.current = false;
            return;
          }
          const at = indexOf(event.target);
          if (at !== null) pick(at, at);
        }}
        onPointerLeave={() => setPointed(null)}
      >
        {bars.map((bar, i) => {
          const h = bar.count === 0 ? 0 : Math.max(2, (bar.count / max) * HEIGHT);
          return (
            <g
              key={bar.start}
              role="button"
              // Lower case: SVG attribute names are case-sensitive and Preact writes them as given.
              {...{ tabindex: 0 }}
              aria-label={label(bar)}
              data-index={i}
              data-start={bar.start}
              data-testid="histogram-bar"
              class={inDrag(i) ? 'in-range' : undefined}
              onPointerDown={(event) => {
                event.preventDefault();
                setPress({ from: i, to: i });
              }}
              onPointerEnter={() => {
                setPointed(i);
                if (pressed.current) setPress({ ...pressed.current, to: i });
              }}
              onFocus={() => setPointed(i)}
              onBlur={() => setPointed(null)}
              onKeyDown={(event) => {
                if (event.key === 'Enter' || event.key === ' ') {
                  event.preventDefault();
                  pick(i, i);
                }
              }}
            >
              {/* The full height is the target, so thin and empty bars can be pointed at too. */}
              <rect class="hit" x={i * width} y={0} width={width} height={HEIGHT} />
              <rect class="bar" x={i * width + width * 0.1} y={HEIGHT - h} width={width * 0.8} height={h} />
            </g>
          );
        })}
      </svg>
      {pointed !== null && bars[pointed] && (
        <div class="histogram-tooltip" role="tooltip" data-testid="histogram-tooltip" style={{ left: `${Math.min(Math.max((pointed + 0.5) * width, 15), 85)}%` }}>
          {label(bars[pointed])}
        </div>
      )}
      {/* The bars carry their own labels for screen readers; the ticks are for the eye. */}
      <div class="histogram-ticks" aria-hidden="true">
        {tickIndexes(bars.length).map((i) => {
          const bar = bars[i];
          return (
            bar && (
              <span key={i} data-testid="histogram-tick" style={{ left: `${(i + 0.5) * width}%` }}>
                {barLabel(bar.start, bucket, dateOrder)}
              </span>
            )
          );
        })}
      </div>
      <div class="histogram-axis" aria-hidden="true">
        per {bucket} · busiest: {max.toLocaleString('en-US')}
      </div>
    </figure>
  );
}
