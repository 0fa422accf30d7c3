import { useState } from 'preact/hooks';

export interface FilterOption {
  value: string;
  label: string;
  count: number;
}

interface Props {
  name: string;
  options: readonly FilterOption[];
  selected: readonly string[];
  onChange: (selected: string[]) => void;
  /** When given, a search field narrows long lists (staff can be hundreds). */
  narrow?: (options: readonly FilterOption[], text: string) => readonly FilterOption[];
}

/** A dropdown of checkboxes; the summary says how many are picked so the filter is visible when closed. */
export function MultiSelectFilter({ name, options, selected, onChange, narrow }: Props) {
  const [text, setText] = useState('');
  const shown = narrow && text.trim() ? narrow(options, text.trim()) : options;
  const toggle = (value: string, on: boolean) => onChange(on ? [...selected, value] : selected.filter((v) => v !== value));

  return (
    <details class="filter multi-select" data-testid={`filter-${name.toLowerCase()}`}>
      <summary>
        {name}
        {selected.length > 0 ? ` (${selected.length})` : ': all'}
      </summary>
      <div class="multi-select-panel" role="group" aria-label={name}>
        {narrow && <input type="search" aria-label={`Find ${name.toLowerCase()}`} placeholder={`Find ${name.toLowerCase()}…`} value={text} onInput={(event) => setText(event.currentTarget.value)} />}
        {selected.length > 0 && (
          <button type="button" class="link-button" onClick={() => onChange([])}>
            Clear {name.toLowerCase()}
          </button>
        )}
        <ul>
          {shown.map((option) => (
            <li key={option.value}>
              <label>
                <input
                  type="checkbox"
                  // Named by the option alone, without its count, so it can be found by name.
                  aria-label={option.label}
                  checked={selected.includes(option.value)}
                  onChange={(event) => toggle(option.value, event.currentTarget.checked)}
                />
                {option.label} <span class="count">{option.count}</span>
              </label>
            </li>
          ))}
          {shown.length === 0 && <li class="muted">No match</li>}
        </ul>
      </div>
    </details>
  );
}
