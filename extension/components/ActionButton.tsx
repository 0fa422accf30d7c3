interface Props {
  label: string;
  /** Said on the button, disabled, while what it started runs. */
  busyLabel: string;
  busy: boolean;
  onClick: () => void;
}

/** The options page's buttons that ask the server something and wait for the answer. */
export function ActionButton({ label, busyLabel, busy, onClick }: Props) {
  return (
    <div class="actions">
      <button type="button" disabled={busy} onClick={onClick}>
        {busy ? busyLabel : label}
      </button>
    </div>
  );
}
