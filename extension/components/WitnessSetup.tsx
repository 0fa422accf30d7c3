import { useEffect, useState } from 'preact/hooks';
import { failureMessage, type ApiClient } from '../api/client.ts';
import { pinLogKey, type WitnessState, type WitnessStorage } from '../lib/log-witness.ts';
import { browserWitnessStorage } from '../lib/witness-storage.ts';

/** Options page: pins the log's public key (compare the fingerprint with the one `portal-audit start` printed). */
export function WitnessSetup({ client, storage = browserWitnessStorage }: { client: ApiClient; storage?: WitnessStorage }) {
  const [pinned, setPinned] = useState<WitnessState | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => void storage.load().then(setPinned), [storage]);
  const pin = () => {
    setError(null);
    pinLogKey(client, storage).then(setPinned, (e: unknown) => setError(failureMessage(e)));
  };
  return (
    <section class="witness-setup">
      <h2>This browser as a witness</h2>
      {pinned ? (
        <p>
          Pinned log key, fingerprint <code data-testid="witness-fingerprint">{pinned.fingerprint}</code>. Each time the popup or sidebar opens,
          this browser checks that the log still extends what it saw.
        </p>
      ) : (
        <p>Pin the log's public key so that this browser notices if the log is ever rewritten.</p>
      )}
      <button type="button" onClick={pin}>
        {pinned ? 'Pin the key again (clears a warning)' : "Pin the log's key"}
      </button>
      {pinned && <p class="muted">Key: {pinned.publicKey}</p>}
      {error && <p role="alert">{error}</p>}
    </section>
  );
}
