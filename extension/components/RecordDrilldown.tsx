import { useEffect, useRef } from 'preact/hooks';
import type { Facets } from '../../shared/api.ts';
import type { Entry } from '../../shared/entry.ts';
import { recordPageUrl } from '../lib/portal-links.ts';
import { formatDateTime } from '../../shared/format/date-time.ts';
import { MagnifierIcon } from './MagnifierIcon.tsx';
import { RecordChanges } from './RecordChanges.tsx';

interface Props {
  entry: Entry;
  facets: Pick<Facets, 'portals' | 'timezone' | 'dateOrder'>;
  onBack: () => void;
}

/**
 * The records one action changed, shown in place of the results; Escape or Back returns to them.
 * Try it: `npm start`, sidebar, search "updated level", click the book icon of a row.
 */
export function RecordDrilldown({ entry, facets, onBack }: Props) {
  const backButton = useRef<HTMLButtonElement>(null);

  useEffect(() => {
    // Focus lands inside so Escape works right away and screen readers announce the new view.
    backButton.current?.focus();
    const onKey = (event: KeyboardEvent) => {
      if (event.key === 'Escape') {
        event.preventDefault();
        onBack();
      }
    };
    document.addEventListener('keydown', onKey);
    return () => document.removeEventListener('keydown', onKey);
  }, [onBack]);

  return (
    <section class="drilldown" aria-label="Affected records" data-testid="drilldown">
      <button ref={backButton} type="button" class="back" onClick={onBack}>
        ← Back to results
      </button>
      <h2>{entry.action}</h2>
      <p class="muted">
        {entry.member}
        {entry.username ? ` (${entry.username})` : ''} · {formatDateTime(entry.at, facets.timezone, facets.dateOrder)} · {entry.source} ·{' '}
        {entry.ip}
      </p>
      {entry.records.length === 0 && <p>This action changed no record that a rule recognises.</p>}
      {entry.records.map((record, index) => {
        const url = recordPageUrl(record.link, entry.source, facets.portals);
        const title = `${record.type} ${record.name ?? record.id ?? ''}`.trim();
        return (
          <article key={`${record.type}-${record.id}-${index}`} class="record" data-testid="affected-record">
            <h3>
              <span class="record-op">{record.op}</span> {title}
              {record.id && <span class="muted"> #{record.id}</span>}
              {url && (
                <a class="icon-link" href={url} target="_blank" rel="noopener noreferrer" aria-label={`Open ${title} in the portal`} title="Open in the portal">
                  <MagnifierIcon />
                </a>
              )}
            </h3>
            <RecordChanges changes={record.changes} />
          </article>
        );
      })}
    </section>
  );
}
