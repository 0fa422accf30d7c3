import { useCallback, useEffect, useRef, useState } from 'preact/hooks';
import { DEFAULT_SETTINGS, type Settings } from '../lib/settings.ts';
import { detach } from '../lib/detach.ts';

/**
 * The options form's fields: the stored settings once read, with what the admin typed before they arrived
 * laid over them (a token pasted the moment the page opens is not wiped by the stored empty one).
 */
export function useSettingsForm(load: () => Promise<Settings>): { settings: Settings; edit: (patch: Partial<Settings>) => void } {
  const [settings, setSettings] = useState<Settings>(DEFAULT_SETTINGS);
  // Fields edited while storage is still being read; null once it has answered.
  const early = useRef<Partial<Settings> | null>({});

  useEffect(() => {
    let live = true;
    detach(
      load().then((loaded) => {
        if (!live) return;
        const edits = early.current ?? {};
        early.current = null;
        setSettings({ ...loaded, ...edits });
      }),
    );
    return () => {
      live = false;
    };
  }, [load]);

  const edit = useCallback((patch: Partial<Settings>) => {
    if (early.current) Object.assign(early.current, patch);
    setSettings((current) => ({ ...current, ...patch }));
  }, []);

  return { settings, edit };
}
