import { useEffect, useRef, useState } from 'preact/hooks';
import type { Facets } from '../../shared/api.ts';
import type { AffectedRecord, Entry } from '../../shared/entry.ts';
import { recordPageUrl } from '../lib/portal-links.ts';
import { formatDateTime } from '../../shared/format/date-time.ts';
import { MagnifierIcon } from './MagnifierIcon.tsx';
import { OutcomeBadge } from './OutcomeBadge.tsx';
import { RecordChanges } from './RecordChanges.tsx';

interface Props {
  entry: Entry;
  facets: Pick<Facets, 'portals' | 'timezone' | 'dateOrder'>;
  onBack: () => void;
  /** Whether a record was deleted since (by a later entry); without it only this entry's own delete counts. */
  recordDeleted?: (type: string, id: string) => Promise<boolean>;
}

const key = (record: Pick<AffectedRecord, 'type' | 'id'>) => `${record.type}\u0000${record.id}`;

/** Records this entry deleted, then those a later entry deleted, as the server's history says. */
function useDeletedRecords(entry: Entry, recordDeleted: Props['recordDeleted']): ReadonlySet<string> {
  const own = entry.outcome === 'success' ? entry.records.filter((r) => r.op === 'delete').map(key) : [];
  const [later, setLater] = useState<string[]>([]);
  useEffect(() => {
    setLater([]);
    if (!recordDeleted) return;
    let live = true;
    for (const record of entry.records) {
      if (record.id === null || record.op === 'delete') continue;
      recordDeleted(record.type, record.id).then(
        (gone) => live && gone && setLater((current) => [...current, key(record)]),
        // Not knowing leaves the link as it was: the portal says itself if the record is gone.
        () => {},
      );
    }
    return () => {
      live = false;
    };
  }, [entry, recordDeleted]);
  return new Set([...own, ...later]);
}

/**
 * The records one action changed, shown in place of the results; Escape or Back returns to them.
 * A record that no longer exists says "deleted" and offers no link (it would open a 404).
 * Try it: `npm start`, sidebar, search "updated level", click the book icon of a row.
 */
export function RecordDrilldown({ entry, facets, onBack, recordDeleted }: Props) {
  const backButton = useRef<HTMLButtonElement>(null);
  const deleted = useDeletedRecords(entry, recordDeleted);

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
      <h2>
        {entry.action}
        <OutcomeBadge entry={entry} />
      </h2>
      <p class="muted">
        {entry.member}
        {entry.username ? ` (${entry.username})` : ''} · {formatDateTime(entry.at, facets.timezone, facets.dateOrder)} · {entry.source} · {entry.ip}
      </p>
      {entry.records.length === 0 && <p>This action changed no record that a rule recognises.</p>}
      {entry.records.map((record, index) => {
        const gone = deleted.has(key(record));
        const url = gone ? null : recordPageUrl(record.link, entry.source, facets.portals);
        const title = `${record.type} ${record.name ?? record.id ?? ''}`.trim();
        return (
          <article key={`${record.type}-${record.id}-${index}`} class="record" data-testid="affected-record">
            <h3>
              <span class="record-op">{record.op}</span> {title}
              {record.id && <span class="muted"> #{record.id}</span>}
              {gone && (
                <span class="badge badge-deleted" data-testid="record-deleted" title="This record no longer exists in the portal">
                  deleted
                </span>
              )}
              {url && (
                <a class="icon-link" href={url} target="_blank" rel="noopener noreferrer" aria-label={`Open ${title} in the portal`} title="Open in the portal">
                  <MagnifierIcon />
                </a>
              )}
            </h3>
            <RecordChanges changes={record.changes} op={record.op} outcome={entry.outcome} />
          </article>
        );
      })}
    </section>
  );
}
