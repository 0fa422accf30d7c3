import browser from 'webextension-polyfill';
import type { WitnessState, WitnessStorage } from './log-witness.ts';

const KEY = 'witness';

/** storage.local, like the settings: the pinned key and the kept checkpoint stay with this browser profile. */
export const browserWitnessStorage: WitnessStorage = {
  async load() {
    return ((await browser.storage.local.get(KEY))[KEY] as WitnessState | undefined) ?? null;
  },
  async save(state) {
    if (state) await browser.storage.local.set({ [KEY]: state });
    else await browser.storage.local.remove(KEY);
  },
};
