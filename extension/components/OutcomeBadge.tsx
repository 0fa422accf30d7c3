import type { Entry } from '../../shared/entry.ts';
import { outcomeBadge } from '../../shared/format/outcome.ts';

/** "403 denied" beside an action that did not happen, so a failure never reads like a change. */
export function OutcomeBadge({ entry }: { entry: Pick<Entry, 'outcome' | 'status'> }) {
  const text = outcomeBadge(entry);
  if (!text) return null;
  return (
    <span class={`badge badge-${entry.outcome}`} data-testid="outcome-badge">
      {text}
    </span>
  );
}
