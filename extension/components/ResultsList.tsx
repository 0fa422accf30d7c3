import type { Entry } from '../../shared/entry.ts';
import { handleRowKeys } from '../lib/row-keys.ts';
import { formatDateTime } from '../../shared/format/date-time.ts';

interface Props {
  entries: readonly Entry[];
  timezone: string;
  dateOrder: 'MDY' | 'DMY';
  onOpen: (entry: Entry) => void;
}

/** The popup's compact results: two lines per entry, newest first as the API returns them. */
export function ResultsList({ entries, timezone, dateOrder, onOpen }: Props) {
  return (
    <ol class="results-list" aria-label="Results" onKeyDown={(event) => handleRowKeys(event, (i) => onOpen(entries[i]!))}>
      {entries.map((entry) => (
        <li
          key={entry.id}
          data-row
          data-entry-id={entry.id}
          data-testid="result-item"
          tabIndex={0}
          class="result-item"
          aria-label={`${entry.action} by ${entry.member}`}
          onClick={() => onOpen(entry)}
        >
          <div class="result-line">
            <time dateTime={entry.at}>{formatDateTime(entry.at, timezone, dateOrder)}</time>
            <span class="result-member">{entry.member}</span>
            {entry.username && <span class="muted">@{entry.username}</span>}
          </div>
          <div class="result-line">
            <span class="result-action">{entry.action}</span>
            <span class="muted">
              {entry.source} · {entry.ip}
            </span>
          </div>
        </li>
      ))}
    </ol>
  );
}
