import { REDACTED } from '../../shared/entry.ts';
import type { FieldChange } from '../../shared/entry.ts';

/** One side of a change as text; objects are shown as JSON so nothing is hidden from the admin. */
function FieldValue({ value }: { value: unknown }) {
  if (value === REDACTED) {
    return (
      <span class="redacted" title="This field is secret: the log records that it changed, not its value">
        redacted
      </span>
    );
  }
  if (value === undefined || value === null || value === '') return <span class="muted" aria-label="empty">—</span>;
  return <span>{typeof value === 'string' ? value : JSON.stringify(value)}</span>;
}

/** A record's field changes as before → after. */
export function RecordChanges({ changes }: { changes: readonly FieldChange[] }) {
  if (changes.length === 0) return <p class="muted">No field changes recorded.</p>;
  return (
    <table class="changes" data-testid="record-changes">
      <thead>
        <tr>
          <th scope="col">Field</th>
          <th scope="col">Before</th>
          <th scope="col" aria-hidden="true" />
          <th scope="col">After</th>
        </tr>
      </thead>
      <tbody>
        {changes.map((change) => (
          <tr key={change.field} data-testid="field-change">
            <th scope="row">{change.field}</th>
            <td class="before">
              <FieldValue value={change.before} />
            </td>
            <td class="arrow" aria-hidden="true">
              →
            </td>
            <td class="after">
              <FieldValue value={change.after} />
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
