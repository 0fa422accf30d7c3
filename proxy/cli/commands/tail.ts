import type { Command } from 'commander';
import { z } from 'zod';
import type { Entry } from '../../../shared/entry.ts';
import { formatEntryLine } from '../../../shared/format/entry-line.ts';
import { createStore } from '../../store/create-store.ts';
import { createFollowCheck } from '../../store/follow-check.ts';
import { parseFlags } from '../flags.ts';
import { storeSettings } from '../settings.ts';

const TailOptions = z.object({
  lines: z.coerce.number().int().min(0).max(100_000),
  interval: z.coerce.number().int().min(50).max(3_600_000),
  json: z.boolean().default(false),
  follow: z.boolean().default(true),
  dataDir: z.string().optional(),
});

/** `portal-audit tail`: the newest entries, then each new one as the proxy (another process) appends it. */
export function addTailCommand(program: Command): void {
  program
    .command('tail')
    .description('print the newest entries, then new ones as they arrive')
    .option('-n, --lines <n>', 'how many of the newest entries to print first', '20')
    .option('--json', 'print each entry as one line of JSON')
    .option('--follow', 'keep printing new entries (the default)')
    .option('--no-follow', 'print the newest entries and exit')
    .option('--interval <ms>', 'how often to look for new entries when the file system does not say (a network share)', '30000')
    .option('--data-dir <dir>', "data folder (default: the config file's dataDir)")
    .action(async (raw) => {
      const { lines, interval, json, follow, dataDir } = parseFlags(TailOptions, raw);
      const settings = storeSettings(program, dataDir);
      // Anything wrong (a corrupt line, a missing entry, a broken link, an altered entry, a failed read) is one line
      // on stderr and a failing exit code; tail goes on.
      const complain = (message: string): void => {
        console.error(`portal-audit tail: ${message}`);
        process.exitCode = 1;
      };
      // Read-only: the proxy is the one writer; tail follows it through the store's watch.
      const store = createStore(settings, { readOnly: true, onNotice: complain, followIntervalMs: interval });
      const followed = createFollowCheck(store, complain);
      const print = (entry: Entry): void => {
        followed.check(entry);
        console.log(json ? JSON.stringify(entry) : formatEntryLine(entry, settings));
      };
      await store.open();
      const newest = store.head().seq;
      const first = Math.max(1, newest - lines + 1);
      if (lines > 0) for (const entry of await store.getMany(Array.from({ length: newest - first + 1 }, (_, i) => first + i))) print(entry);
      if (!follow) {
        await followed.told();
        return store.close();
      }
      store.subscribe(print);
      store.watch(new AbortController().signal);
    });
}
