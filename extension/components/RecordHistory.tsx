import type { Facets, RecordHistoryResponse } from '../../shared/api.ts';
import { formatDateTime } from '../../shared/format/date-time.ts';
import { ErrorState } from './ErrorState.tsx';
import { LoadingState } from './LoadingState.tsx';
import { RecordChanges } from './RecordChanges.tsx';

interface Props {
  record: { type: string; id: string };
  history: RecordHistoryResponse | null;
  loading: boolean;
  error: string | null;
  facets: Pick<Facets, 'timezone' | 'dateOrder'>;
}

/**
 * "This record": the whole history of the record the active portal tab shows, newest first.
 * Try it: `npm start`, open http://127.0.0.1:8081/students/103 in a tab, then the sidebar.
 */
export function RecordHistory({ record, history, loading, error, facets }: Props) {
  const own = (entry: RecordHistoryResponse['entries'][number]) => entry.records.filter((r) => r.type === record.type && r.id === record.id);
  const name = history?.entries.flatMap(own).find((r) => r.name)?.name;
  const count = history?.entries.length ?? 0;
  return (
    <details class="this-record" open data-testid="this-record">
      <summary>
        This record: {record.type} {name ?? ''} <span class="muted">#{record.id}</span>
        {history && ` — ${count} ${count === 1 ? 'entry' : 'entries'}`}
      </summary>
      {loading && <LoadingState label="Loading this record's history…" />}
      {error && <ErrorState message={error} />}
      {history && count === 0 && <p class="muted">Nothing in the log has touched this record yet.</p>}
      {history && count > 0 && (
        <ol class="results-list" aria-label="This record's history">
          {history.entries.map((entry) => (
            <li key={entry.id} class="result-item" data-testid="record-history-item">
              <div class="result-line">
                <time dateTime={entry.at}>{formatDateTime(entry.at, facets.timezone, facets.dateOrder)}</time>
                <span class="result-member">{entry.member}</span>
                <span class="result-action">{entry.action}</span>
                <span class="muted">{entry.source}</span>
              </div>
              {own(entry).map((r, i) => (
                <RecordChanges key={i} changes={r.changes} op={r.op} outcome={entry.outcome} />
              ))}
            </li>
          ))}
        </ol>
      )}
    </details>
  );
}
