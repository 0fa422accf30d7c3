import type { ComponentChildren } from 'preact';

/** A failure in plain words (from the API client), with the next step when there is one. */
export function ErrorState({ message, children }: { message: string; children?: ComponentChildren }) {
  return (
    <div class="state state-error" role="alert" data-testid="error-state">
      <p class="state-title">{message}</p>
      {children}
    </div>
  );
}
