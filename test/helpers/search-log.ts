import { rm } from 'node:fs/promises';
import type { EntryDraft } from '../../shared/entry.ts';
import { createSearchEngine, type SearchEngineOptions } from '../../proxy/search/engine.ts';
import type { SearchEngine } from '../../proxy/search/types.ts';
import { openStore, tempDataDir } from './temp-store.ts';

/**
 * A search engine, indexed in memory only, over a JSON store in a fresh folder that holds `log`.
 * `close` closes both and removes the folder: return it from the beforeAll that made them.
 */
export async function searchLog(log: readonly EntryDraft[], config: SearchEngineOptions['config']): Promise<{ engine: SearchEngine; close: () => Promise<void> }> {
  const dir = await tempDataDir();
  const store = await openStore(dir);
  for (const entry of log) await store.append(entry);
  const engine = await createSearchEngine({ store, config, indexFile: null });
  return {
    engine,
    close: async () => {
      await engine.close();
      await store.close();
      await rm(dir, { recursive: true, force: true });
    },
  };
}
