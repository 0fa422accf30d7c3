import type { ComponentChildren } from 'preact';
import { openOptionsPage } from '../lib/options-page.ts';

/** The popup's and the sidebar's title bar: the name, the page's own buttons (`children`), and Options. */
export function PageToolbar({ children }: { children?: ComponentChildren }) {
  return (
    <header class="toolbar">
      <h1>Portal Audit</h1>
      {children}
      <button type="button" class="link-button" onClick={openOptionsPage}>
        Options
      </button>
    </header>
  );
}
