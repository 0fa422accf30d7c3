import type { Entry } from '../../shared/entry.ts';
import { actionWithValues } from '../../shared/format/action-text.ts';
import { formatDateTime } from '../../shared/format/date-time.ts';
import { OutcomeBadge } from './OutcomeBadge.tsx';
import { RecordsButton } from './RecordsButton.tsx';

interface Props {
  entry: Entry;
  timezone: string;
  dateOrder: 'MDY' | 'DMY';
  selected: boolean;
  onToggle: (id: string, shift: boolean) => void;
  onOpen: (entry: Entry) => void;
}

/** One entry as a row of the wide table; the row is the one tab stop, arrow keys move between rows. */
export function ResultRow({ entry, timezone, dateOrder, selected, onToggle, onOpen }: Props) {
  const action = actionWithValues(entry);
  return (
    <tr data-row data-entry-id={entry.id} data-testid="result-row" tabIndex={0} class={selected ? 'selected' : undefined} aria-selected={selected}>
      <td>
        <input
          type="checkbox"
          tabIndex={-1}
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
      <td title={action}>
        {action}
        <OutcomeBadge entry={entry} />
      </td>
      <td>
        <RecordsButton entry={entry} onOpen={onOpen} />
      </td>
    </tr>
  );
}
