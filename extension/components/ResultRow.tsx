import type { Entry } from '../../shared/entry.ts';
import { formatDateTime } from '../../shared/format/date-time.ts';
import { BookIcon } from './BookIcon.tsx';

interface Props {
  entry: Entry;
  timezone: string;
  dateOrder: 'MDY' | 'DMY';
  selected: boolean;
  onToggle: (id: string, shift: boolean) => void;
  onOpen: (entry: Entry) => void;
}

/** The affected records in a few words: "student Jane Smith, family Smith". */
function recordNames(entry: Entry): string {
  return entry.records.map((r) => [r.type, r.name ?? (r.id === null ? null : `#${r.id}`)].filter(Boolean).join(' ')).join(', ');
}

/** One entry as a row of the sidebar's table; the row is focusable for arrow-key navigation. */
export function ResultRow({ entry, timezone, dateOrder, selected, onToggle, onOpen }: Props) {
  return (
    <tr data-row data-entry-id={entry.id} data-testid="result-row" tabIndex={0} class={selected ? 'selected' : undefined} aria-selected={selected}>
      <td>
        <input
          type="checkbox"
          aria-label={`Select ${entry.action} by ${entry.member}`}
          checked={selected}
          // Click, not change: only the mouse event says whether shift was held.
          onClick={(event) => onToggle(entry.id, event.shiftKey)}
        />
      </td>
      <td>
        <time dateTime={entry.at}>{formatDateTime(entry.at, timezone, dateOrder)}</time>
      </td>
      <td>{entry.member}</td>
      <td>{entry.username ?? ''}</td>
      <td>{entry.source}</td>
      <td>{entry.ip}</td>
      <td>{entry.action}</td>
      <td>
        {entry.records.length > 0 && (
          <>
            <button type="button" class="icon-button" aria-label="Show affected records" title="Show affected records" onClick={() => onOpen(entry)}>
              <BookIcon />
            </button>
            <span class="muted">{recordNames(entry)}</span>
          </>
        )}
      </td>
    </tr>
  );
}
