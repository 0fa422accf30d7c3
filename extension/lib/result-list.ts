import type { Entry } from '../../shared/entry.ts';
import type { Selection } from '../hooks/useSelection.ts';
import { handleRowKeys } from './row-keys.ts';

/** What the cards and the table show results with. */
export interface ResultListProps {
  entries: readonly Entry[];
  timezone: string;
  dateOrder: 'MDY' | 'DMY';
  selection: Selection;
  onOpen: (entry: Entry) => void;
}

/** The keys of a list of results (see handleRowKeys): Enter opens the focused entry, Space ticks it. */
export function resultListKeys({ entries, selection, onOpen }: ResultListProps): (event: KeyboardEvent) => void {
  const withEntry = (index: number, act: (entry: Entry) => void) => {
    const entry = entries[index];
    if (entry) act(entry);
  };
  return (event) => handleRowKeys(event, { onOpen: (i) => withEntry(i, onOpen), onToggle: (i) => withEntry(i, (entry) => selection.toggle(entry.id, false)) });
}
