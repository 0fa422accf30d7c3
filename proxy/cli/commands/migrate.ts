import { SingleBar } from 'cli-progress';
import type { Command } from 'commander';
import { createStore, DATABASE_URL_ENV } from '../../store/create-store.ts';
import { createPostgresStore } from '../../store/postgres/postgres-store.ts';
import type { StoredEntry } from '../../store/store.ts';
import { formatVerifierKey } from '../../../shared/merkle/checkpoint-note.ts';
import { sha256 } from '../../store/merkle/node-crypto.ts';
import { existingLogSettings } from '../settings.ts';

/** Entries copied per transaction: large enough to be quick, small enough to bound memory. */
const BATCH = 1000;

/**
 * `portal-audit migrate --from json --to postgres`: copies a JSON log into a database as it is (ids,
 * seq, hashes, stored lines). Resumable: it continues after the database's newest entry, once it has
 * checked that entry is the same in both logs.
 */
export function addMigrateCommand(program: Command): void {
  program
    .command('migrate')
    .description('copy a JSON log into PostgreSQL, keeping ids, seq and hashes; run again to resume')
    .requiredOption('--from <driver>', 'the driver to copy from: json')
    .requiredOption('--to <driver>', 'the driver to copy to: postgres')
    .option('--url <url>', `the database (default: the config's store.url, then ${DATABASE_URL_ENV})`)
    .option('--data-dir <dir>', "the JSON log's data folder (default: the config file's dataDir)")
    .action(async (options: { from: string; to: string; url?: string; dataDir?: string }, cmd: Command) => {
      if (options.from !== 'json') return cmd.error('--from: only json can be copied from today', { exitCode: 2 });
      if (options.to !== 'postgres') return cmd.error('--to: only postgres can be copied to today', { exitCode: 2 });
      const settings = existingLogSettings(program, options.dataDir);
      const url = options.url ?? (settings.store.driver === 'postgres' ? settings.store.url : undefined) ?? process.env[DATABASE_URL_ENV];
      if (!url) return cmd.error(`--url: required (or store.url in the config, or ${DATABASE_URL_ENV})`, { exitCode: 2 });
      const source = createStore({ dataDir: settings.dataDir }, { readOnly: true });
      const target = createPostgresStore({ url });
      await source.open();
      await target.open();
      try {
        const trust = await source.trust();
        const cut = source.retention();
        // The key, and a retention cut with the removed entries' leaves, go first: the copy then continues after the cut.
        const start = await target.importTrust({ cut, leaves: trust.leaves, verifierKey: trust.key ? await formatVerifierKey(sha256, trust.key.name, trust.key.publicKey) : null });
        if (start.seq > 0) {
          const sameHash = cut && start.seq === cut.lastRemoved.seq ? cut.lastRemoved.hash : (await source.getMany([start.seq]))[0]?.hash;
          if (sameHash !== start.hash) {
            process.exitCode = 1;
            return console.log(`The database holds another log: its entry ${start.seq} is not entry ${start.seq} of ${settings.dataDir}; nothing copied`);
          }
        }
        const total = source.head().seq;
        const bar = process.stderr.isTTY ? new SingleBar({ format: 'copying [{bar}] {value}/{total} entries, {eta}s left', stream: process.stderr }) : null;
        bar?.start(total, start.seq);
        let batch: StoredEntry[] = [];
        let copied = 0;
        for await (const stored of source.readStored(start.seq + 1)) {
          batch.push(stored);
          if (batch.length < BATCH) continue;
          await target.importStored(batch);
          copied += batch.length;
          bar?.update(start.seq + copied);
          batch = [];
        }
        await target.importStored(batch);
        copied += batch.length;
        bar?.stop();
        // The source's newest signed checkpoint, when every entry it covers is copied: every replica then serves it.
        if (trust.latest) await target.importCheckpoint(trust.latest);
        const head = target.head();
        console.log(copied > 0 ? `${copied} entries copied (seq ${start.seq + 1}–${head.seq})` : 'Nothing to copy: the database is up to date');
        console.log(`the database ends at ${head.seq}:${head.hash}`);
      } catch (err) {
        // Whatever was copied stays copied (each batch is one transaction): running again resumes after it.
        console.log(`The copy stopped: ${(err as Error).message}; what was copied stays, run the same command again to resume`);
        process.exitCode = 1;
      } finally {
        await Promise.all([source.close(), target.close()]);
      }
    });
}
