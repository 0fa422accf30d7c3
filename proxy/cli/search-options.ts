import type { Command } from 'commander';
import { createSearchEngine } from '../search/engine.ts';
import { SearchParamError, type SearchEngine } from '../search/types.ts';
import { createStore } from '../store/create-store.ts';
import type { Store } from '../store/store.ts';
import { existingLogSettings, type StoreSettings } from './settings.ts';

export interface FilterOptions {
  from?: string;
  to?: string;
  staff?: string[];
  source?: string[];
  verb?: string[];
  type?: string[];
  dataDir?: string;
}

const collect = (value: string, previous: string[] | undefined) => [...(previous ?? []), value];

/** The filters of search and export, named as the API's parameters so both validate the same way. */
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

/** Options as the API's query string, so the CLI reuses the API's zod parsing and its messages. */
export function toQuery(q: string | undefined, options: FilterOptions, extra: Record<string, string | undefined> = {}): URLSearchParams {
  const query = new URLSearchParams();
  if (q) query.set('q', q);
  if (options.from) query.set('from', options.from);
  if (options.to) query.set('to', options.to);
  for (const key of ['staff', 'source', 'verb', 'type'] as const) for (const value of options[key] ?? []) query.append(key, value);
  for (const [key, value] of Object.entries(extra)) if (value !== undefined) query.set(key, value);
  return query;
}

/** Runs `parse`, turning a bad parameter into the command's own error naming the option (exit 2). */
export function parseOrExit<T>(cmd: Command, parse: () => T): T {
  try {
    return parse();
  } catch (err) {
    if (err instanceof SearchParamError) cmd.error(`--${err.param}: ${err.message}`, { exitCode: 2 });
    throw err;
  }
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
