import { readFile, writeFile } from 'node:fs/promises';
import type { Command } from 'commander';
import { formatEntryLine } from '../../../shared/format/entry-line.ts';
import { createStore } from '../../store/create-store.ts';
import { readVerifierKey } from '../../store/merkle/signing-key.ts';
import { checkProofFile, makeProofFile } from '../../store/merkle/proof-file.ts';
import { existingLogSettings, storeSettings } from '../settings.ts';

/** `portal-audit checkpoint`, `prove` and `verify-proof`: signed checkpoints and offline inclusion proofs. */
export function addCheckpointCommands(program: Command): void {
  program
    .command('checkpoint')
    .description('print the newest signed checkpoint of the log (keep it anywhere; verify --checkpoint checks the log still extends it)')
    .option('--data-dir <dir>', "data folder (default: the config file's dataDir)")
    .action(async (options: { dataDir?: string }) => {
      const settings = existingLogSettings(program, options.dataDir);
      const store = createStore(settings, { readOnly: true });
      await store.open();
      const text = await store
        .trust()
        .then(
          (trust) => trust.latest,
          () => null,
        )
        .finally(() => store.close());
      if (text === null) {
        console.error(`No signed checkpoint in ${settings.store.driver === 'postgres' ? 'the database' : settings.dataDir} yet: the proxy signs one within a second of the first entry`);
        process.exitCode = 1;
        return;
      }
      process.stdout.write(text);
    });

  program
    .command('prove')
    .description('write a self-contained proof that entry N is in the log, which verify-proof checks offline')
    .requiredOption('--seq <n>', 'the entry to prove')
    .option('--out <file>', 'where to write the proof (default: proof-<seq>.json)')
    .option('--data-dir <dir>', "data folder (default: the config file's dataDir)")
    .action(async (options: { seq: string; out?: string; dataDir?: string }, cmd: Command) => {
      const seq = Number(options.seq);
      if (!Number.isInteger(seq) || seq < 1) return cmd.error('--seq: expected an entry number (1 or more)', { exitCode: 2 });
      const store = createStore(existingLogSettings(program, options.dataDir), { readOnly: true });
      await store.open();
      try {
        const proof = await makeProofFile(store, await store.trust(), seq);
        const out = options.out ?? `proof-${seq}.json`;
        await writeFile(out, `${JSON.stringify(proof, null, 2)}\n`);
        console.log(`Proof of entry ${seq} written to ${out} (check it anywhere with: portal-audit verify-proof ${out})`);
      } catch (err) {
        console.log(`Cannot prove entry ${seq}: ${(err as Error).message}`);
        process.exitCode = 1;
      } finally {
        await store.close();
      }
    });

  program
    .command('verify-proof <file>')
    .description('check a proof file from portal-audit prove, offline: the entry, its hash, and its place under the signed checkpoint')
    .option('--public-key <file>', "the log's public key kept elsewhere (default: the key in the proof file; compare its fingerprint)")
    .action(async (file: string, options: { publicKey?: string }) => {
      try {
        const json: unknown = JSON.parse(await readFile(file, 'utf8'));
        const pinned = options.publicKey ? await readVerifierKey(options.publicKey) : undefined;
        const { entry, size, time } = await checkProofFile(json, pinned);
        const { timezone } = storeSettingsOrDefault(program);
        console.log(
          `Entry ${entry.seq} is in the log: included in the tree of ${size} entries signed${time ? ` at ${time}` : ''} by ${pinned ? 'the key given' : 'the key in the proof file (compare its fingerprint)'}`,
        );
        console.log(formatEntryLine(entry, { timezone }));
      } catch (err) {
        console.log(`The proof does not hold: ${(err as Error).message}`);
        process.exitCode = 1;
      }
    });
}

/** verify-proof runs anywhere: without a config file the machine's time zone is used. */
function storeSettingsOrDefault(program: Command): { timezone: string } {
  try {
    return storeSettings(program, '.');
  } catch {
    return { timezone: Intl.DateTimeFormat().resolvedOptions().timeZone };
  }
}
