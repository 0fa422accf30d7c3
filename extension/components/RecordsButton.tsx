import type { Entry } from '../../shared/entry.ts';
import { BookIcon } from './BookIcon.tsx';

/** The affected records in a few words: "student Jane Smith, family Smith". */
export function recordNames(entry: Entry): string {
  return entry.records.map((r) => [r.type, r.name ?? (r.id === null ? null : `#${r.id}`)].filter(Boolean).join(' ')).join(', ');
}

/** The book icon that drills into the records an entry changed, with their names beside it. */
export function RecordsButton({ entry, onOpen }: { entry: Entry; onOpen: (entry: Entry) => void }) {
  if (entry.records.length === 0) return null;
  return (
    <span class="records">
      <button
        type="button"
        class="icon-button"
        // One tab stop per result: Enter on the result does the same.
        tabIndex={-1}
        aria-label="Show affected records"
        title="Show affected records"
        onClick={(event) => {
          event.stopPropagation();
          onOpen(entry);
        }}
      >
        <BookIcon />
      </button>
      <span class="muted record-names">{recordNames(entry)}</span>
    </span>
  );
}
