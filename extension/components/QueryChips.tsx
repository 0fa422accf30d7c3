import type { Chip } from '../../shared/query/types.ts';

interface Props {
  chips: readonly Chip[];
  onRemove: (chip: Chip) => void;
}

/**
 * What the server understood from the search text, one removable chip per piece.
 * Try it: `npm start`, popup, type "today admn deleted smtih".
 */
export function QueryChips({ chips, onRemove }: Props) {
  if (chips.length === 0) return null;
  return (
    <ul class="chips" aria-label="Understood as">
      {chips.map((chip, index) => (
        <li key={`${chip.kind}-${chip.raw}-${index}`} class={`chip chip-${chip.kind}`} data-testid="query-chip">
          <span>{chip.label}</span>
          <button type="button" aria-label={`Remove ${chip.label}`} title="Remove from the search" onClick={() => onRemove(chip)}>
            ×
          </button>
        </li>
      ))}
    </ul>
  );
}
