import type { Command } from 'commander';
import { createSearchEngine } from '../search/engine.ts';
import type { SearchEngine } from '../search/types.ts';
import { createStore } from '../store/create-store.ts';
import type { Store } from '../store/store.ts';
import { existingLogSettings, type StoreSettings } from './settings.ts';

/** A command's options as commander hands them: the data folder, and flags that zod reads. */
export type RawOptions = { dataDir?: string } & Record<string, unknown>;

const collect = (value: string, previous: string[] | undefined) => [...(previous ?? []), value];

/** The filters of search and export, named as SearchFilters' fields (shared/api.ts), which checks them. */
export function addFilterOptions(command: Command): Command {
  return command
    .option('--from <date>', 'earliest date (YYYY-MM-DD, business time zone) or ISO instant')
    .option('--to <date>', 'latest date (through the end of that day) or ISO instant')
    .option('--staff <username>', 'staff username; repeat or separate with commas', collect)
    .option('--source <source>', 'source, e.g. "Office Portal"; repeat or separate with commas', collect)
    .option('--verb <verb>', 'verb (delete, update, payment …); repeat or separate with commas', collect)
    .option('--type <type>', 'record type (student, family …); repeat or separate with commas', collect)
    .option('--data-dir <dir>', "data folder (default: the config file's dataDir)");
}

/**
 * The store, read-only so the CLI may run beside the proxy that writes the log, and an engine over it.
 * These CLI reads are not themselves logged: the log is only written by the running proxy.
 */
export async function openSearch(program: Command, dataDir?: string): Promise<{ settings: StoreSettings; store: Store; engine: SearchEngine }> {
  const settings = existingLogSettings(program, dataDir);
  const store = createStore(settings, { readOnly: true });
  await store.open();
  const engine = await createSearchEngine({ store, config: settings });
  return { settings, store, engine };
}
