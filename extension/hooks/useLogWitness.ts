import { useEffect, useState } from 'preact/hooks';
import type { ApiClient } from '../api/client.ts';
import { checkLog, type WitnessStatus, type WitnessStorage } from '../lib/log-witness.ts';
import { browserWitnessStorage } from '../lib/witness-storage.ts';
import { detach } from '../lib/detach.ts';

/** Runs the browser's witness check once per opening of the popup or sidebar (and when the settings change). */
export function useLogWitness(client: ApiClient | null, storage: WitnessStorage = browserWitnessStorage): WitnessStatus | null {
  const [status, setStatus] = useState<WitnessStatus | null>(null);
  useEffect(() => {
    if (!client) return;
    let live = true;
    detach(checkLog(client, storage).then((next) => live && setStatus(next)));
    return () => {
      live = false;
    };
  }, [client, storage]);
  return status;
}
