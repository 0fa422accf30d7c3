import { SingleBar } from 'cli-progress';
import type { Command } from 'commander';
import { z } from 'zod';
import { createEntryGenerator } from '../../dev/generate-entries.ts';
import { createStore } from '../../store/create-store.ts';
import { parseFlags } from '../flags.ts';
import { storeSettings } from '../settings.ts';

const SeedOptions = z.object({
  entries: z.coerce.number().int().positive().max(50_000_000),
  days: z.coerce.number().int().positive().max(36_500),
  seed: z.coerce.number().int(),
  dataDir: z.string().optional(),
});

/** Entries written per write-and-sync: big enough that syncing is not the cost, small enough to bound memory. */
const BATCH = 5000;

/** `portal-audit dev seed`: a realistic, validly chained log to try search and verify on at scale. */
export function addDevCommand(program: Command): void {
  const dev = program.command('dev').description('developer tools (not for production data)');
  dev
    .command('seed')
    .description('write generated entries of a gymnastics and swim school straight into the store')
    .requiredOption('--entries <n>', 'how many entries to write')
    .option('--days <n>', 'days to spread them over, ending now', '730')
    .option('--seed <n>', 'random seed (same seed, same entries)', '1')
    .option('--data-dir <dir>', "data folder (default: the config file's dataDir)")
    .action(async (raw) => {
      const { entries, days, seed, dataDir } = parseFlags(SeedOptions, raw);
      const store = createStore(storeSettings(program, dataDir));
      await store.open();
      const draftAt = createEntryGenerator({ entries, days, seed });
      const bar = process.stderr.isTTY ? new SingleBar({ format: 'seeding [{bar}] {value}/{total} entries, {eta}s left', stream: process.stderr }) : null;
      bar?.start(entries, 0);
      const started = Date.now();
      let head = store.head();
      for (let i = 0; i < entries; i += BATCH) {
        const batch = Array.from({ length: Math.min(BATCH, entries - i) }, (_, k) => draftAt(i + k));
        head = await store.appendBulk(batch);
        bar?.update(i + batch.length);
      }
      bar?.stop();
      await store.close();
      console.log(`${entries} entries written in ${((Date.now() - started) / 1000).toFixed(1)} s; newest is seq ${head.seq}`);
    });
}
