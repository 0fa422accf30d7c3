import type { Command } from 'commander';
import { z } from 'zod';
import type { Entry } from '../../../shared/entry.ts';
import { formatEntryLine } from '../../../shared/format/entry-line.ts';
import { createStore } from '../../store/create-store.ts';
import { storeSettings } from '../settings.ts';

const TailOptions = z.object({
  lines: z.coerce.number().int().min(0).max(100_000),
  interval: z.coerce.number().int().min(50).max(60_000),
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
    .option('--interval <ms>', 'how often to look for new entries', '500')
    .option('--data-dir <dir>', "data folder (default: the config file's dataDir)")
    .action(async (raw, cmd: Command) => {
      const parsed = TailOptions.safeParse(raw);
      if (!parsed.success) {
        const issue = parsed.error.issues[0]!;
        return cmd.error(`--${String(issue.path[0])}: ${issue.message}`, { exitCode: 2 });
      }
      const { lines, interval, json, follow, dataDir } = parsed.data;
      const settings = storeSettings(program, dataDir);
      const print = (entry: Entry) => console.log(json ? JSON.stringify(entry) : formatEntryLine(entry, settings));
      // Read-only: the proxy is the one writer; tail only watches the segments grow.
      const store = createStore(settings, { readOnly: true });
      await store.open();
      const newest = store.head().seq;
      const first = Math.max(1, newest - lines + 1);
      if (lines > 0) for (const entry of await store.getMany(Array.from({ length: newest - first + 1 }, (_, i) => first + i))) print(entry);
      if (!follow) return store.close();
      store.subscribe(print);
      // A refresh that fails (the log moved, the disk went away) ends tail with that reason, not a stack trace.
      const poll = (): void => {
        store.refresh().then(
          () => setTimeout(poll, interval),
          (err: unknown) => {
            console.error(`portal-audit tail stopped: ${(err as Error).message}`);
            process.exitCode = 1;
            store.close().catch(() => undefined);
          },
        );
      };
      setTimeout(poll, interval);
    });
}
