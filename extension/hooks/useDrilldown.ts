import type { RefObject } from 'preact';
import { useCallback, useLayoutEffect, useRef, useState } from 'preact/hooks';
import type { Entry } from '../../shared/entry.ts';
import { commitSearch } from './search-commit.ts';

/**
 * Which entry is drilled into, shown in place of the results inside the same scrolling element. Going
 * back restores that element's scroll position and focuses the row the admin came from, so a long
 * list is not lost.
 */
export function useDrilldown(scroller: RefObject<HTMLElement | null>): { opened: Entry | null; open: (entry: Entry) => void; back: () => void } {
  const [opened, setOpened] = useState<Entry | null>(null);
  const saved = useRef<{ top: number; id: string | null }>({ top: 0, id: null });

  const open = useCallback(
    (entry: Entry) => {
      saved.current = { top: scroller.current?.scrollTop ?? 0, id: entry.id };
      // Opening a result commits the search it came from (logged once, see useSearch).
      commitSearch();
      setOpened(entry);
    },
    [scroller],
  );
  const back = useCallback(() => setOpened(null), []);

  useLayoutEffect(() => {
    const el = scroller.current;
    if (!el) return;
    if (opened) {
      el.scrollTop = 0;
      return;
    }
    if (saved.current.id === null) return;
    el.scrollTop = saved.current.top;
    el.querySelector<HTMLElement>(`[data-entry-id="${CSS.escape(saved.current.id)}"]`)?.focus({ preventScroll: true });
  }, [opened, scroller]);

  return { opened, open, back };
}
