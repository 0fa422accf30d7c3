import { useEffect, useState } from 'preact/hooks';
import { failureMessage, type ApiClient } from '../api/client.ts';
import { pinLogKey, type WitnessState, type WitnessStorage } from '../lib/log-witness.ts';
import { detach } from '../lib/detach.ts';

/** Options page: shows the log's public key fingerprint (to compare with what `portal-audit start` printed) and pins it. */
/** `storage`: where the pin is kept (browserWitnessStorage in the extension). */
export function WitnessSetup({ client, storage }: { client: ApiClient; storage: WitnessStorage }) {
  const [pinned, setPinned] = useState<WitnessState | null>(null);
  const [offered, setOffered] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    detach(storage.load().then(setPinned));
    client.checkpoint().then(
      (served) => setOffered(served.fingerprint),
      () => setOffered(null),
    );
  }, [storage, client.baseUrl]);
  const pin = () => {
    setError(null);
    pinLogKey(client, storage).then(setPinned, (e: unknown) => setError(failureMessage(e)));
  };
  return (
    <section class="witness-setup">
      <h2>This browser as a witness</h2>
      {pinned ? (
        <p>
          Pinned log key, fingerprint <code data-testid="witness-fingerprint">{pinned.fingerprint}</code>. Each time the popup or sidebar opens, this browser checks that the log still extends what it
          saw.
        </p>
      ) : (
        <p>
          Pin the log's public key so that this browser notices if the log is ever rewritten.
          {offered && (
            <>
              {' '}
              The server presents the key with fingerprint <code data-testid="offered-fingerprint">{offered}</code>: compare it with the one
              <code> portal-audit start</code> printed.
            </>
          )}
        </p>
      )}
      <button type="button" onClick={pin}>
        {pinned ? 'Pin the key again (clears a warning)' : "Pin the log's key"}
      </button>
      {pinned && <p class="muted">Key: {pinned.publicKey}</p>}
      {error && <p role="alert">{error}</p>}
    </section>
  );
}
