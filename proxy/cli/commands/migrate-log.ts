import type { Command } from 'commander';
import { migrateToCanonical } from '../../store/json/canonical-migration.ts';
import { existingLogSettings } from '../settings.ts';

/** `portal-audit migrate-log`: the one-shot rewrite of a log written before lines were stored canonically. */
export function addMigrateLogCommand(program: Command): void {
  program
    .command('migrate-log')
    .description('once, with the proxy stopped: store a log written by an older version as canonical JSON (hashes and fingerprints stay valid)')
    .option('--data-dir <dir>', "data folder (default: the config file's dataDir)")
    .action(async (options: { dataDir?: string }) => {
      // A refused migration or a locked log is a UserError: main prints its one line and exits 1.
      const { segments, rewritten, unchanged } = await migrateToCanonical(existingLogSettings(program, options.dataDir).dataDir);
      console.log(`${rewritten} lines rewritten canonically in ${segments} segment(s); ${unchanged} were canonical already. Run portal-audit verify.`);
    });
}
