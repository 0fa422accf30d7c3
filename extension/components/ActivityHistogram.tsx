import type { SearchResponse } from '../../shared/api.ts';
import { formatDay } from '../../shared/format/date-time.ts';
import { addDays } from '../lib/zoned-time.ts';

interface Props {
  days: SearchResponse['histogram'];
  dateOrder: 'MDY' | 'DMY';
  onPickDay: (day: string) => void;
}

const HEIGHT = 60;
/** Bars are never wider than a 30th of the chart, so a search over one day does not draw a wall. */
const MIN_SLOTS = 30;

/** The API leaves out days with no match; the chart shows them as gaps so time reads evenly left to right. */
function withEmptyDays(days: SearchResponse['histogram']): SearchResponse['histogram'] {
  const counts = new Map(days.map((d) => [d.day, d.count]));
  const out: SearchResponse['histogram'] = [];
  for (let day = days[0]!.day; day <= days[days.length - 1]!.day; day = addDays(day, 1)) out.push({ day, count: counts.get(day) ?? 0 });
  return out;
}

/**
 * Matches per day (business time zone) as SVG bars; a bar is a button that narrows the search to its day.
 * Try it: `npm start`, sidebar, empty search (the demo's traffic is one day; for months of bars, seed a log with
 * `node bin/portal-audit.mjs dev seed --entries 20000 --days 60 --data-dir data/seeded`, then `npm start -- --data-dir data/seeded`).
 */
export function ActivityHistogram({ days: matchedDays, dateOrder, onPickDay }: Props) {
  if (matchedDays.length === 0) return null;
  const days = withEmptyDays(matchedDays);
  const max = Math.max(...days.map((d) => d.count));
  const slots = Math.max(days.length, MIN_SLOTS);
  const width = 100 / slots;
  return (
    <figure class="histogram" data-testid="activity-histogram">
      <figcaption class="visually-hidden">Matches per day; choose a day to narrow the search to it</figcaption>
      <svg viewBox={`0 0 100 ${HEIGHT}`} preserveAspectRatio="none" role="group" aria-label="Matches per day">
        {days.map((d, i) => {
          const h = Math.max(2, (d.count / max) * HEIGHT);
          const label = `${formatDay(d.day, dateOrder)}: ${d.count} ${d.count === 1 ? 'match' : 'matches'}`;
          const pick = () => onPickDay(d.day);
          return (
            <g
              key={d.day}
              role="button"
              tabIndex={0}
              aria-label={label}
              data-day={d.day}
              onClick={pick}
              onKeyDown={(event) => {
                if (event.key === 'Enter' || event.key === ' ') {
                  event.preventDefault();
                  pick();
                }
              }}
            >
              <title>{label}</title>
              <rect class="bar" x={i * width + width * 0.1} y={HEIGHT - h} width={width * 0.8} height={h} />
            </g>
          );
        })}
      </svg>
      {/* The bars carry their own labels for screen readers; this row is for the eye: the span and the scale. */}
      <div class="histogram-axis" aria-hidden="true">
        <span>{formatDay(days[0]!.day, dateOrder)}</span>
        <span>busiest day: {max}</span>
        <span>{days.length > 1 ? formatDay(days[days.length - 1]!.day, dateOrder) : ''}</span>
      </div>
    </figure>
  );
}
