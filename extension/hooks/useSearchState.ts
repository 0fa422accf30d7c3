import { useCallback, useEffect, useRef, useState } from 'preact/hooks';
import { EMPTY_SEARCH, type SearchState } from '../lib/search-state.ts';
import { loadSearch, onStoredChange, saveSearch } from '../lib/storage.ts';
import { detach } from '../lib/detach.ts';

/**
 * The search the admin is building, shared through storage: the sidebar opens on the popup's query, and
 * an edit in one view shows up in the other.
 */
export function useSearchState(): { state: SearchState; ready: boolean; update: (patch: Partial<SearchState>) => void } {
  const [state, setState] = useState<SearchState>(EMPTY_SEARCH);
  const [ready, setReady] = useState(false);
  // Our own writes come back through onChanged, possibly after newer keystrokes: those must not rewind the box.
  const ownWrites = useRef<string[]>([]);

  useEffect(() => {
    let live = true;
    // Storage that cannot be read starts an empty search rather than none at all.
    detach(
      loadSearch()
        .catch(() => EMPTY_SEARCH)
        .then((loaded) => {
          if (!live) return;
          setState(loaded);
          setReady(true);
        }),
    );
    const stop = onStoredChange<SearchState>('search', (value) => {
      const written = ownWrites.current.indexOf(JSON.stringify(value));
      if (written >= 0) {
        ownWrites.current.splice(0, written + 1);
        return;
      }
      if (value) setState({ ...EMPTY_SEARCH, ...value });
    });
    return () => {
      live = false;
      stop();
    };
  }, []);

  const update = useCallback((patch: Partial<SearchState>) => {
    setState((current) => {
      const next = { ...current, ...patch };
      const json = JSON.stringify(next);
      // Storage sends no change event for an unchanged value, so only real changes are written and awaited.
      if (json === JSON.stringify(current)) return current;
      ownWrites.current.push(json);
      detach(saveSearch(next));
      return next;
    });
  }, []);

  return { state, ready, update };
}
