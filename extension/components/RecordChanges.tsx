import { REDACTED } from '../../shared/entry.ts';
import type { AffectedRecord, Entry, FieldChange } from '../../shared/entry.ts';
import { isBeforeUnknown } from '../../shared/format/change-values.ts';

/** The field of the note the proxy adds when it cut a long list of changes short. */
const MORE_CHANGES = '…';

/** A whole element of an array (`contacts[id=4]`) added or removed; its fields read as "name: Ann". */
const isElement = (change: FieldChange) => change.field.endsWith(']') && (change.before === null) !== (change.after === null);

function elementText(value: unknown): string | null {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return null;
  return Object.entries(value)
    .map(([key, item]) => `${key}: ${typeof item === 'string' ? item : JSON.stringify(item)}`)
    .join(', ');
}

/** One side of a change as text; objects are shown as JSON so nothing is hidden from the admin. */
function FieldValue({ value }: { value: unknown }) {
  if (value === REDACTED) {
    return (
      <span class="redacted" title="This field is secret: the log records that it changed, not its value">
        redacted
      </span>
    );
  }
  if (value === undefined || value === null || value === '')
    return (
      <span class="muted" aria-label="empty">
        —
      </span>
    );
  return <span>{typeof value === 'string' ? value : (elementText(value) ?? JSON.stringify(value))}</span>;
}

interface Props {
  changes: readonly FieldChange[];
  /** The record's op and the entry's outcome tell when the old values could not be read ("before unknown"). */
  op?: AffectedRecord['op'];
  outcome?: Entry['outcome'];
}

/** A record's field changes as before → after; arrays element by element (`contacts[id=3].phone`, an element added or removed). */
export function RecordChanges({ changes, op = 'update', outcome = 'success' }: Props) {
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
        {changes.map((change) =>
          change.field === MORE_CHANGES ? (
            <tr key={change.field} data-testid="field-change">
              <td colSpan={4} class="muted">
                {String(change.after)}
              </td>
            </tr>
          ) : (
            <tr key={change.field} data-testid="field-change">
              <th scope="row">
                {change.field}
                {isElement(change) && <span class="element-op">{change.before === null ? ' added' : ' removed'}</span>}
              </th>
              <td class="before">
                {isBeforeUnknown({ outcome }, { op, changes: [...changes] }, change) ? (
                  <span class="muted" title="The record could not be read before the change">
                    before unknown
                  </span>
                ) : (
                  <FieldValue value={change.before} />
                )}
              </td>
              <td class="arrow" aria-hidden="true">
                →
              </td>
              <td class="after">
                <FieldValue value={change.after} />
              </td>
            </tr>
          ),
        )}
      </tbody>
    </table>
  );
}
