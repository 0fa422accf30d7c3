import { useCallback, useEffect, useRef, useState } from 'preact/hooks';

export interface Selection {
  selected: ReadonlySet<string>;
  /** Toggles one row; with shift, sets every row between the last clicked one and this one alike. */
  toggle: (id: string, shift: boolean) => void;
  allSelected: boolean;
  /** Selects every row loaded (all matches on the page), or clears them when all are selected. */
  toggleAll: () => void;
  clear: () => void;
}

/** Checkbox selection over the ids in view, in their order; ids that leave the list (new search) are dropped. */
export function useSelection(ids: readonly string[]): Selection {
  const [selected, setSelected] = useState<ReadonlySet<string>>(new Set());
  const anchor = useRef<string | null>(null);

  useEffect(() => {
    const present = new Set(ids);
    setSelected((current) => {
      const kept = [...current].filter((id) => present.has(id));
      return kept.length === current.size ? current : new Set(kept);
    });
  }, [ids]);

  const toggle = useCallback(
    (id: string, shift: boolean) => {
      setSelected((current) => {
        const next = new Set(current);
        const on = !current.has(id);
        const from = anchor.current === null ? -1 : ids.indexOf(anchor.current);
        const to = ids.indexOf(id);
        if (shift && from >= 0 && to >= 0) {
          // The range takes the state of the row clicked now, like a file manager.
          for (const rowId of ids.slice(Math.min(from, to), Math.max(from, to) + 1)) {
            if (on) next.add(rowId);
            else next.delete(rowId);
          }
        } else if (on) next.add(id);
        else next.delete(id);
        return next;
      });
      anchor.current = id;
    },
    [ids],
  );

  const allSelected = ids.length > 0 && ids.every((id) => selected.has(id));
  const toggleAll = useCallback(() => setSelected(allSelected ? new Set() : new Set(ids)), [allSelected, ids]);
  const clear = useCallback(() => setSelected(new Set()), []);

  return { selected, toggle, allSelected, toggleAll, clear };
}
