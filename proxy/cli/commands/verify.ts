import { SingleBar } from 'cli-progress';
import type { Command } from 'commander';
import { createJsonStore } from '../../store/json/json-store.ts';
import { Fingerprint, verifyLog } from '../../store/verify.ts';
import { storeSettings } from '../settings.ts';

/** `portal-audit verify`: walks the whole hash chain; exit 0 when intact, 1 naming the first bad entry. */
export function addVerifyCommand(program: Command): void {
  program
    .command('verify')
    .description('check that no entry of the log was altered, removed, inserted or reordered')
    .option('--fingerprint <seq:hash>', 'a fingerprint printed by an earlier verify: fail if history before it was rewritten')
    .option('--data-dir <dir>', "data folder (default: the config file's dataDir)")
    .action(async (options: { fingerprint?: string; dataDir?: string }, cmd: Command) => {
      if (options.fingerprint !== undefined) {
        const checked = Fingerprint.safeParse(options.fingerprint);
        if (!checked.success) return cmd.error(`--fingerprint: ${checked.error.issues[0]!.message}`, { exitCode: 2 });
      }
      // Read-only: verify may run beside the proxy that is writing the log.
      const store = createJsonStore({ dataDir: storeSettings(program, options.dataDir).dataDir, readOnly: true });
      await store.open();
      const bar = process.stderr.isTTY ? new SingleBar({ format: 'verifying [{bar}] {value}/{total} entries', stream: process.stderr }) : null;
      bar?.start(store.head().seq, 0);
      const result = await verifyLog(store, { fingerprint: options.fingerprint, onProgress: (checked) => bar?.update(checked) });
      bar?.stop();
      await store.close();
      if (result.ok) {
        console.log(`${result.checked} entries verified`);
        console.log(`fingerprint: ${result.fingerprint ?? '(empty log)'}`);
        return;
      }
      console.log(`Entry ${result.firstBad!.seq} is bad: ${result.firstBad!.reason}`);
      console.log(`${result.checked} entries before it verified`);
      process.exitCode = 1;
    });
}
