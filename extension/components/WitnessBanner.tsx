import { useState } from 'preact/hooks';
import type { WitnessStatus } from '../lib/log-witness.ts';

/**
 * The red banner of a rewrite this browser caught; it stays (the failure is stored) and offers the evidence to copy.
 * A check that could not run is red too: a server that refuses to start on a rewritten log must not look like all is well.
 */
export function WitnessBanner({ status }: { status: WitnessStatus | null }) {
  const [copied, setCopied] = useState(false);
  if (status?.kind === 'unavailable') {
    return (
      <div class="witness-banner" role="alert" data-testid="witness-unavailable">
        <strong>This browser could not check the log against what it saw: {status.message}</strong>
      </div>
    );
  }
  if (status?.kind !== 'rewritten') return null;
  const { reason, evidence, detectedAt, serverSays } = status.failure;
  // A refused clipboard leaves the evidence on screen, and the button says nothing was copied.
  const copy = () => {
    navigator.clipboard.writeText(JSON.stringify({ reason, detectedAt, serverSays, ...evidence }, null, 2)).then(
      () => setCopied(true),
      () => setCopied(false),
    );
  };
  return (
    <div class="witness-banner" role="alert" data-testid="witness-banner">
      <strong>{reason}</strong>
      {serverSays ? <span data-testid="witness-server-says"> The server names the first change: {serverSays}.</span> : null}
      <button type="button" onClick={copy}>
        {copied ? 'Evidence copied' : 'Copy evidence'}
      </button>
    </div>
  );
}
