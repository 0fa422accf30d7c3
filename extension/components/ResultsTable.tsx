import { resultListKeys, type ResultListProps } from '../lib/result-list.ts';
import { ResultRow } from './ResultRow.tsx';

export const TABLE_COLUMNS = ['Date and Time', 'Member Name', 'Username', 'Source', 'IP Address', 'Action', 'Affected Records'] as const;

/**
 * The wide sidebar's results (600 px and up): every column of the model product's Audit Log, with a checkbox per row.
 * Try it: `npm start`, load dist/chrome, open the side panel from the popup's "Open in sidebar".
 */
export function ResultsTable(props: ResultListProps) {
  const { entries, timezone, dateOrder, selection, onOpen } = props;
  return (
    <table class="results-table" aria-label="Results" data-testid="results-table">
      <thead>
        <tr>
          <th scope="col">
            <input type="checkbox" aria-label="Select all matches on the page" checked={selection.allSelected} onClick={selection.toggleAll} />
          </th>
          {TABLE_COLUMNS.map((column) => (
            <th key={column} scope="col">
              {column}
            </th>
          ))}
        </tr>
      </thead>
      <tbody onKeyDown={resultListKeys(props)}>
        {entries.map((entry) => (
          <ResultRow key={entry.id} entry={entry} timezone={timezone} dateOrder={dateOrder} selected={selection.selected.has(entry.id)} onToggle={selection.toggle} onOpen={onOpen} />
        ))}
      </tbody>
    </table>
  );
}
