import { mkdir } from 'node:fs/promises';
import type { Command } from 'commander';
import { Role, type TokenBook } from '../../admin/tokens.ts';
import { openSharedState } from '../../store/create-store.ts';
import { storeSettings } from '../settings.ts';
import { formatTable } from '../table.ts';

/** Runs `use` with the tokens of the configured store driver (a file beside a JSON log, a table beside a PostgreSQL one). */
async function withBook<T>(program: Command, dataDir: string | undefined, use: (book: TokenBook) => Promise<T>): Promise<T> {
  const settings = storeSettings(program, dataDir);
  if (settings.store.driver === 'json') await mkdir(settings.dataDir, { recursive: true });
  const shared = await openSharedState(settings);
  try {
    return await use(shared.tokens);
  } finally {
    await shared.close();
  }
}

/** `portal-audit token create|list|revoke`: who may call the admin API. The running server sees changes at once. */
export function addTokenCommand(program: Command): void {
  const token = program.command('token').description('manage the bearer tokens of the admin API');

  token
    .command('create')
    .description('create a token and print it once (only its hash is kept)')
    .requiredOption('--name <name>', 'who holds the token; shown as the member of their audit-log entries')
    .option('--role <role>', 'admin (everything) or auditor (search and read, no export)', 'auditor')
    .option('--data-dir <dir>', "data folder (default: the config file's dataDir)")
    .action(async (opts: { name: string; role: string; dataDir?: string }, cmd: Command) => {
      const role = Role.safeParse(opts.role);
      if (!role.success) return cmd.error(`--role: must be admin or auditor, not "${opts.role}"`, { exitCode: 2 });
      // A bad or taken name is a TokenError (a UserError): main prints it and exits 2.
      const secret = await withBook(program, opts.dataDir, (book) => book.create(opts.name, role.data));
      console.error(`Created ${role.data} token "${opts.name}". It is shown only this once:`);
      console.log(secret);
    });

  token
    .command('list')
    .description('list tokens: name, role, created, last used (never the token itself)')
    .option('--data-dir <dir>', "data folder (default: the config file's dataDir)")
    .action(async (opts: { dataDir?: string }) => {
      const tokens = await withBook(program, opts.dataDir, (book) => book.list());
      if (!tokens.length) return console.log('No tokens.');
      const rows = [['NAME', 'ROLE', 'CREATED', 'LAST USED'], ...tokens.map((t) => [t.name, t.role, t.created, t.lastUsed ?? 'never'])];
      for (const line of formatTable(rows)) console.log(line);
    });

  token
    .command('revoke')
    .description('revoke a token by name; its holder gets 401 from then on')
    .argument('<name>', 'the token to revoke')
    .option('--data-dir <dir>', "data folder (default: the config file's dataDir)")
    .action(async (name: string, opts: { dataDir?: string }, cmd: Command) => {
      if (!(await withBook(program, opts.dataDir, (book) => book.revoke(name)))) {
        return cmd.error(`No token named "${name}"`, { exitCode: 1 });
      }
      console.log(`Revoked token "${name}".`);
    });
}
