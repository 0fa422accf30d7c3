export interface RowKeyActions {
  /** Enter on a focused result: drill down. */
  onOpen: (index: number) => void;
  /** Space on a focused result: tick or untick it. */
  onToggle?: (index: number) => void;
}

/** The results in a container, in order. */
export const rowsIn = (container: ParentNode) => [...container.querySelectorAll<HTMLElement>('[data-row]')];

/**
 * Arrow keys move focus between the results of a list or table (elements with data-row), Enter opens
 * the focused one, Space ticks it. Each result is one tab stop: its checkbox and buttons are left out
 * of the tab order and reached by these keys instead.
 */
export function handleRowKeys(event: KeyboardEvent, { onOpen, onToggle }: RowKeyActions): void {
  const target = event.target as HTMLElement;
  const row = target.closest<HTMLElement>('[data-row]');
  if (!row) return;
  const rows = rowsIn(event.currentTarget as HTMLElement);
  const index = rows.indexOf(row);
  let next = -1;
  if (event.key === 'ArrowDown') next = Math.min(index + 1, rows.length - 1);
  else if (event.key === 'ArrowUp') next = Math.max(index - 1, 0);
  else if (event.key === 'Home') next = 0;
  else if (event.key === 'End') next = rows.length - 1;
  else if (target !== row) return;
  else if (event.key === 'Enter') {
    event.preventDefault();
    onOpen(index);
    return;
  } else if (event.key === ' ' && onToggle) {
    event.preventDefault();
    onToggle(index);
    return;
  } else return;
  event.preventDefault();
  rows[next]?.focus();
}
