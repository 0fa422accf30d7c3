import { useEffect, useMemo, useState } from 'preact/hooks';
import { ApiClient } from '../api/client.ts';
import { loadSettings, onStoredChange, saveSettings } from '../lib/storage.ts';
import type { Settings } from '../lib/settings.ts';
import { detach } from '../lib/detach.ts';

/** The stored URL and token, a client for them, and live updates when Options saves new ones. */
export function useSettings(): { settings: Settings | null; client: ApiClient | null; save: (next: Settings) => Promise<void> } {
  const [settings, setSettings] = useState<Settings | null>(null);

  useEffect(() => {
    let live = true;
    const reload = () => detach(loadSettings().then((loaded) => live && setSettings(loaded)));
    reload();
    const stop = onStoredChange<Settings>('settings', reload);
    return () => {
      live = false;
      stop();
    };
  }, []);

  const client = useMemo(() => (settings ? new ApiClient({ baseUrl: settings.apiUrl, token: settings.token }) : null), [settings]);

  return {
    settings,
    client,
    save: async (next) => {
      await saveSettings(next);
      setSettings(next);
    },
  };
}
