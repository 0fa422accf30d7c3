/**
 * Arrow keys move focus between the rows of a results list or table (elements with data-row), Enter
 * opens the focused row. One tab stop for the whole list keeps keyboard users out of a 500-row tab trail.
 */
export function handleRowKeys(event: KeyboardEvent, onEnter: (index: number) => void): void {
  const target = event.target as HTMLElement;
  const row = target.closest<HTMLElement>('[data-row]');
  if (!row) return;
  const container = event.currentTarget as HTMLElement;
  const rows = [...container.querySelectorAll<HTMLElement>('[data-row]')];
  const index = rows.indexOf(row);
  let next = -1;
  if (event.key === 'ArrowDown') next = Math.min(index + 1, rows.length - 1);
  else if (event.key === 'ArrowUp') next = Math.max(index - 1, 0);
  else if (event.key === 'Home') next = 0;
  else if (event.key === 'End') next = rows.length - 1;
  else if (event.key === 'Enter' && target === row) {
    event.preventDefault();
    onEnter(index);
    return;
  } else return;
  event.preventDefault();
  rows[next]?.focus();
}
