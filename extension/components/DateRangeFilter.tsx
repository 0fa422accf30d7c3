import { DATE_PRESETS, type DatePreset } from '../lib/search-state.ts';

interface Props {
  preset: DatePreset;
  fromDay?: string;
  toDay?: string;
  onChange: (range: { preset: DatePreset; fromDay?: string; toDay?: string }) => void;
}

/** Preset ranges plus a custom from/to; days are read in the business time zone by the caller. */
export function DateRangeFilter({ preset, fromDay, toDay, onChange }: Props) {
  return (
    <fieldset class="filter date-range">
      <legend class="visually-hidden">Date range</legend>
      <label>
        <span class="filter-label">Date</span>
        <select aria-label="Date range" value={preset} onChange={(event) => onChange({ preset: event.currentTarget.value as DatePreset, fromDay, toDay })}>
          {DATE_PRESETS.map((option) => (
            <option key={option.value} value={option.value}>
              {option.label}
            </option>
          ))}
        </select>
      </label>
      {preset === 'custom' && (
        <>
          <label>
            <span class="filter-label">From</span>
            <input type="date" aria-label="From day" value={fromDay ?? ''} onChange={(event) => onChange({ preset, fromDay: event.currentTarget.value, toDay })} />
          </label>
          <label>
            <span class="filter-label">To</span>
            <input type="date" aria-label="To day" value={toDay ?? ''} onChange={(event) => onChange({ preset, fromDay, toDay: event.currentTarget.value })} />
          </label>
        </>
      )}
    </fieldset>
  );
}
