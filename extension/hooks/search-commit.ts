/**
 * The search on screen, committed: the popup's and the sidebar's one live search registers here, and
 * whatever commits it (Enter, opening a result) calls commitSearch without being wired to the search.
 */
let committer: (() => void) | null = null;

export function registerSearchCommit(commit: () => void): () => void {
  committer = commit;
  return () => {
    if (committer === commit) committer = null;
  };
}

export function commitSearch(): void {
  committer?.();
}
