interface Props {
  count: number;
  onCopy: () => void;
  /** Absent when the token's role cannot export (auditors): the button is not offered at all. */
  onDownload?: () => void;
  /** While a download runs: stops it. */
  onCancel?: () => void;
  busy: boolean;
  /** The outcome of the last copy or download, or a download's progress, in words ("Copied 3 entries"). */
  message: string | null;
}

/**
 * What can be done with the selection (Copy) and with all matches (Download CSV).
 * Try it: `npm start`, sidebar, tick a row, shift-click another, Copy, paste into a spreadsheet.
 */
export function SelectionBar({ count, onCopy, onDownload, onCancel, busy, message }: Props) {
  return (
    <div class="selection-bar" role="toolbar" aria-label="Selection">
      <span data-testid="selection-count">{count === 0 ? 'None selected' : `${count} selected`}</span>
      <button type="button" onClick={onCopy} disabled={count === 0 || busy}>
        Copy
      </button>
      {onDownload &&
        (onCancel ? (
          <button type="button" onClick={onCancel}>
            Cancel download
          </button>
        ) : (
          <button type="button" onClick={onDownload} disabled={busy} title="All matches of the search, not just this page">
            Download CSV
          </button>
        ))}
      <span class="grow muted" role="status" data-testid="selection-message">
        {message}
      </span>
    </div>
  );
}
