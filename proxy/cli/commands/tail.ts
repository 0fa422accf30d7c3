import type { Command } from 'commander';
import { z } from 'zod';
import type { Entry } from '../../../shared/entry.ts';
import { formatEntryLine } from '../../../shared/format/entry-line.ts';
import { createStore } from '../../store/create-store.ts';
import { parseFlags } from '../flags.ts';
import { storeSettings } from '../settings.ts';

const TailOptions = z.object({
  lines: z.coerce.number().int().min(0).max(100_000),
  interval: z.coerce.number().int().min(50).max(3_600_000),
  json: z.boolean().default(false),
  follow: z.boolean().default(true),
  dataDir: z.string().optional(),
});

/**
 * Checks each printed entry against the one printed before it: tail shows what is there, and says
 * where the chain breaks (a missing entry, a link that does not hold) instead of stopping.
 */
function chainCheck(complain: (message: string) => void): (entry: Entry) => void {
  let prev: Entry | null = null;
  return (entry) => {
    if (prev && entry.seq > prev.seq + 1) {
      const missing = entry.seq - prev.seq > 2 ? `entries ${prev.seq + 1}–${entry.seq - 1} are` : `entry ${prev.seq + 1} is`;
      complain(`${missing} missing or unreadable (entry ${entry.seq} comes right after entry ${prev.seq}); run portal-audit verify`);
    } else if (prev && entry.prevHash !== prev.hash) {
      complain(`entry ${entry.seq} does not chain: its prevHash is not the hash of entry ${prev.seq} (inserted or replaced); run portal-audit verify`);
    }
    prev = entry;
  };
}

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
      // Anything wrong (a corrupt line, a failed read) is one line on stderr and a failing exit code; tail goes on.
      const complain = (message: string): void => {
        console.error(`portal-audit tail: ${message}`);
        process.exitCode = 1;
      };
      const check = chainCheck(complain);
      const print = (entry: Entry): void => {
        check(entry);
        console.log(json ? JSON.stringify(entry) : formatEntryLine(entry, settings));
      };
      // Read-only: the proxy is the one writer; tail follows it through the store's watch.
      const store = createStore(settings, { readOnly: true, onNotice: complain, followIntervalMs: interval });
      await store.open();
      const newest = store.head().seq;
      const first = Math.max(1, newest - lines + 1);
      if (lines > 0) for (const entry of await store.getMany(Array.from({ length: newest - first + 1 }, (_, i) => first + i))) print(entry);
      if (!follow) return store.close();
      store.subscribe(print);
      store.watch(new AbortController().signal);
    });
}
