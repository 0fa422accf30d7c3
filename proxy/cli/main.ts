import { Command, CommanderError } from 'commander';
import { UserError } from '../user-error.ts';
import { addDevCommand } from './commands/dev.ts';
import { addTailCommand } from './commands/tail.ts';
import { addVerifyCommand } from './commands/verify.ts';
import { addTokenCommand } from './commands/token.ts';
import { addSearchCommand } from './commands/search.ts';
import { addExportCommand } from './commands/export.ts';
import { addDemoCommand } from './commands/demo.ts';
import { addStartCommand } from './commands/start.ts';
import { addCoverageCommand } from './commands/coverage.ts';
import { addDoctorCommand } from './commands/doctor.ts';
import { addMigrateLogCommand } from './commands/migrate-log.ts';
import { addMigrateCommand } from './commands/migrate.ts';
import { addCheckpointCommands } from './commands/checkpoint.ts';
import { addWitnessCommand } from './commands/witness.ts';

const program = new Command('portal-audit')
  .description('An audit log for web portals that nobody has to change.')
  .option('-c, --config <file>', 'config file', 'portal-audit.config.json')
  .showHelpAfterError()
  .exitOverride();

// Each command lives in its own file under ./commands and adds itself to the program.
const commands: Array<(program: Command) => void> = [
  addStartCommand,
  addDevCommand,
  addVerifyCommand,
  addTailCommand,
  addTokenCommand,
  addDemoCommand,
  addSearchCommand,
  addExportCommand,
  addMigrateLogCommand,
  addMigrateCommand,
  addCoverageCommand,
  addCheckpointCommands,
  addWitnessCommand,
  addDoctorCommand,
];
for (const add of commands) add(program);

try {
  await program.parseAsync(process.argv);
} catch (err) {
  if (err instanceof CommanderError) process.exit(err.exitCode);
  // What a person can fix is one line that says how; a stack trace would bury it.
  if (err instanceof UserError) {
    console.error(err.message);
    process.exit(err.exitCode);
  }
  throw err;
}
