import type { ComponentChildren } from 'preact';

/** Nothing to show, and what the admin can do about it. */
export function EmptyState({ title, children }: { title: string; children?: ComponentChildren }) {
  return (
    <div class="state state-empty" role="status" data-testid="empty-state">
      <p class="state-title">{title}</p>
      {children && <p>{children}</p>}
    </div>
  );
}
