/** A magnifying glass, for "Open in the portal"; SVG because emoji fonts are missing on many Linux desktops. */
export function MagnifierIcon() {
  return (
    <svg class="icon" viewBox="0 0 24 24" width="16" height="16" aria-hidden="true" focusable="false">
      <circle cx="10" cy="10" r="6" fill="none" stroke="currentColor" stroke-width="2" />
      <path d="M15 15l6 6" stroke="currentColor" stroke-width="2" stroke-linecap="round" />
    </svg>
  );
}
