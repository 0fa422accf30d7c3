import { useState } from 'preact/hooks';
import type { VerifyResponse } from '../../shared/api.ts';
import { detach } from '../lib/detach.ts';
import { useLatestRequest } from '../hooks/useLatestRequest.ts';
import { ActionButton } from './ActionButton.tsx';

interface Props {
  /** Asks the server to walk the hash chain, optionally against a fingerprint kept from earlier. */
  check: (fingerprint?: string) => Promise<VerifyResponse>;
}

type Result = { kind: 'ok' | 'bad' | 'error'; text: string; fingerprint?: string | null };

function describe(answer: VerifyResponse): Result {
  if (!answer.ok) {
    const where = answer.firstBad ? `at entry #${answer.firstBad.seq}: ${answer.firstBad.reason}` : '';
    return { kind: 'bad', text: `The log does not verify ${where}`.trim() };
  }
  const from = answer.retention ? ` (from #${answer.retention.firstSeq}; older entries were removed by retention)` : '';
  return { kind: 'ok', text: `${answer.checked.toLocaleString('en-US')} entries verified${from}.`, fingerprint: answer.fingerprint };
}

/**
 * Proof that nobody rewrote history: the server re-hashes the whole chain, and a fingerprint the admin
 * kept somewhere else proves that nothing before it was changed since.
 * Try it: `npm start`, options page, "Verify the log"; then edit a line under data/demo/log/ and verify again.
 */
export function LogIntegrity({ check }: Props) {
  const [fingerprint, setFingerprint] = useState('');
  // Each click asks again (a new request); the answer shown is always the latest click's.
  const [asked, setAsked] = useState(0);
  const { data: answer, error, loading: busy } = useLatestRequest(asked ? () => check(fingerprint) : null, [asked]);
  const result: Result | null = error ? { kind: 'error', text: error } : answer && describe(answer);
  const newest = result?.fingerprint;

  return (
    <section class="log-integrity" aria-labelledby="log-integrity-title">
      <h2 id="log-integrity-title">Log integrity</h2>
      <p class="muted">Every entry's hash covers the one before it. Keep the fingerprint shown after a check somewhere else; pasting it here later proves that nothing up to it was rewritten.</p>
      <label class="field">
        <span>Fingerprint you kept (optional)</span>
        <input name="fingerprint" value={fingerprint} placeholder="seq:hash" onInput={(event) => setFingerprint(event.currentTarget.value)} />
      </label>
      <ActionButton label="Verify the log" busyLabel="Verifying…" busy={busy} onClick={() => setAsked(asked + 1)} />
      {result && (
        <div class={`status status-${result.kind === 'ok' ? 'ok' : 'error'}`} role={result.kind === 'ok' ? 'status' : 'alert'} data-testid="log-integrity-result">
          <p>{result.text}</p>
          {newest && (
            <p>
              Newest fingerprint: <code data-testid="log-fingerprint">{newest}</code>{' '}
              <button type="button" class="link-button" onClick={() => detach(navigator.clipboard.writeText(newest))}>
                Copy
              </button>
            </p>
          )}
        </div>
      )}
    </section>
  );
}
