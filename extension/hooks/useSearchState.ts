import canonicalize from 'canonicalize';
import { useCallback, useEffect, useRef, useState } from 'preact/hooks';
import { EMPTY_SEARCH, type SearchState } from '../lib/search-state.ts';
import type { SearchStorage } from '../lib/storage.ts';
import { detach } from '../lib/detach.ts';

/** A search as its canonical JSON: the same whatever order its keys come in. */
const key = (search: SearchState | undefined): string => canonicalize(search) ?? '';

/**
 * The search the admin is building, shared through storage: the sidebar opens on the popup's query, and
 * an edit in one view shows up in the other. What the admin types before storage has answered is kept and
 * laid over the stored search, not thrown away when it arrives.
 */
export function useSearchState(storage: SearchStorage): { state: SearchState; ready: boolean; update: (patch: Partial<SearchState>) => void } {
  const [state, setState] = useState<SearchState>(EMPTY_SEARCH);
  const [ready, setReady] = useState(false);
  // Our own writes come back through onChanged, possibly after newer keystrokes: those must not rewind the box. They
  // are known by canonical JSON, since Chromium hands a stored object back with its keys sorted, not as written.
  const ownWrites = useRef<string[]>([]);
  // Edits made while storage is still being read; null once it has answered.
  const early = useRef<Partial<SearchState> | null>({});

  const write = useCallback(
    (next: SearchState) => {
      ownWrites.current.push(key(next));
      detach(storage.save(next));
    },
    [storage],
  );

  useEffect(() => {
    let live = true;
    // Storage that cannot be read starts an empty search rather than none at all.
    detach(
      storage
        .load()
        .catch(() => EMPTY_SEARCH)
        .then((loaded) => {
          if (!live) return;
          const edits = early.current ?? {};
          early.current = null;
          const next = { ...loaded, ...edits };
          setState(next);
          if (Object.keys(edits).length > 0) write(next);
          setReady(true);
        }),
    );
    const stop = storage.watch((value) => {
      const written = ownWrites.current.indexOf(key(value));
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
  }, [storage, write]);

  const update = useCallback(
    (patch: Partial<SearchState>) => {
      if (early.current) {
        // Not written yet: the stored search it lands on is not known until storage answers.
        Object.assign(early.current, patch);
        setState((current) => ({ ...current, ...patch }));
        return;
      }
      setState((current) => {
        const next = { ...current, ...patch };
        // Storage sends no change event for an unchanged value, so only real changes are written and awaited.
        if (key(next) === key(current)) return current;
        write(next);
        return next;
      });
    },
    [write],
  );

  return { state, ready, update };
}
