interface Props {
  value: string;
  onChange: (text: string) => void;
  autoFocus?: boolean;
}

/** The one box the admin types what they remember into ("01/01/2015 5:10 pm admin deleted Smith"). */
export function SearchBox({ value, onChange, autoFocus }: Props) {
  return (
    <div class="search-box">
      <label for="search-input" class="visually-hidden">
        Search the audit log
      </label>
      <input
        id="search-input"
        type="search"
        placeholder="e.g. 01/01/2015 5:10 pm admin deleted Smith"
        value={value}
        autoFocus={autoFocus}
        autoComplete="off"
        spellcheck={false}
        onInput={(event) => onChange(event.currentTarget.value)}
        onKeyDown={(event) => {
          // Down from the box enters the results: the first one takes the focus.
          if (event.key !== 'ArrowDown') return;
          const first = document.querySelector<HTMLElement>('[data-row]');
          if (!first) return;
          event.preventDefault();
          first.focus();
        }}
      />
    </div>
  );
}
