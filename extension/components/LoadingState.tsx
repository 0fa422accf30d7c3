/** Shown while a search or a history is on its way; polite so screen readers are not interrupted. */
export function LoadingState({ label = 'Searching…' }: { label?: string }) {
  return (
    <div class="state state-loading" role="status" aria-live="polite" data-testid="loading-state">
      <span class="spinner" aria-hidden="true" />
      {label}
    </div>
  );
}
