import { actionWithValues } from '../../shared/format/action-text.ts';
import { formatDateTime } from '../../shared/format/date-time.ts';
import { outcomeBadge } from '../../shared/format/outcome.ts';
import { resultListKeys, type ResultListProps } from '../lib/result-list.ts';
import { OutcomeBadge } from './OutcomeBadge.tsx';
import { RecordsButton } from './RecordsButton.tsx';

/**
 * Results as compact cards, for the popup and a narrow side panel (360 px): when and who, then the
 * action with its values, then source, IP and the records button, so nothing needs a sideways scroll.
 */
export function ResultCards(props: ResultListProps) {
  const { entries, timezone, dateOrder, selection, onOpen } = props;
  return (
    <ol class="result-cards" aria-label="Results" data-testid="result-cards" onKeyDown={resultListKeys(props)}>
      {entries.map((entry) => {
        const selected = selection.selected.has(entry.id);
        const badge = outcomeBadge(entry);
        const action = actionWithValues(entry);
        return (
          <li
            key={entry.id}
            data-row
            data-entry-id={entry.id}
            data-testid="result-item"
            tabIndex={0}
            class={`result-card${selected ? ' selected' : ''}`}
            // A list item may not carry aria-selected (only options, rows and tabs do): the ticked state is said in its name.
            aria-label={`${entry.action} by ${entry.member}${badge ? `, ${badge}` : ''}${selected ? ', selected' : ''}`}
            onClick={() => onOpen(entry)}
          >
            <div class="card-line">
              <input
                type="checkbox"
                tabIndex={-1}
                aria-label={`Select ${entry.action} by ${entry.member}`}
                checked={selected}
                onClick={(event) => {
                  event.stopPropagation();
                  selection.toggle(entry.id, event.shiftKey);
                }}
              />
              <time dateTime={entry.at}>{formatDateTime(entry.at, timezone, dateOrder)}</time>
              <span class="result-member">{entry.member}</span>
              {entry.username && <span class="muted">@{entry.username}</span>}
              <OutcomeBadge entry={entry} />
            </div>
            <div class="card-line result-action" title={action}>
              {action}
            </div>
            <div class="card-line card-meta">
              <span class="muted">
                {entry.source} · {entry.ip}
              </span>
              <RecordsButton entry={entry} onOpen={onOpen} />
            </div>
          </li>
        );
      })}
    </ol>
  );
}
