import { SingleBar } from 'cli-progress';
import type { Command } from 'commander';
import type { VerifyResponse } from '../../../shared/api.ts';
import { NOT_CANONICAL } from '../../store/canonical-line.ts';
import { CorruptLogError } from '../../store/errors.ts';
import { createStore } from '../../store/create-store.ts';
import { Fingerprint, verifyLog } from '../../store/verify.ts';
import { existingLogSettings } from '../settings.ts';

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
      const store = createStore(existingLogSettings(program, options.dataDir), { readOnly: true });
      try {
        await store.open();
      } catch (err) {
        // A malformed retention checkpoint: the log cannot be anchored, which is itself a finding.
        if (!(err instanceof CorruptLogError)) throw err;
        console.log(`The log cannot be verified: ${err.message}`);
        process.exitCode = 1;
        return;
      }
      const bar = process.stderr.isTTY ? new SingleBar({ format: 'verifying [{bar}] {value}/{total} entries', stream: process.stderr }) : null;
      bar?.start(store.head().seq, 0);
      const result = await verifyLog(store, { fingerprint: options.fingerprint, onProgress: (checked) => bar?.update(checked) });
      bar?.stop();
      await store.close();
      if (result.ok) {
        console.log(`${result.checked} entries verified${retainedRange(result)}`);
        if (result.retention) console.log(`anchored on ${result.retention.anchor} (the last removed entry, from retention.json)`);
        console.log(`fingerprint: ${result.fingerprint ?? '(empty log)'}`);
        return;
      }
      const { seq, reason } = result.firstBad!;
      if (result.retention && seq < result.retention.firstSeq - 1) console.log(`Cannot check the fingerprint: ${reason}`);
      else console.log(`Entry ${seq} is bad: ${reason}`);
      if (reason.includes(NOT_CANONICAL) && seq === (result.retention?.firstSeq ?? 1)) console.log('A log written by a version before strict reading needs portal-audit migrate-log once (see README).');
      console.log(`${result.checked} entries before it verified`);
      process.exitCode = 1;
    });
}

/** " (seq K–M; entries before K were removed by retention on DATE)", or nothing when nothing was removed. */
function retainedRange({ retention, fingerprint }: VerifyResponse): string {
  if (!retention) return '';
  const last = fingerprint === null ? retention.firstSeq - 1 : Number(fingerprint.split(':')[0]);
  return ` (seq ${retention.firstSeq}–${last}; entries before ${retention.firstSeq} were removed by retention on ${retention.prunedAt.slice(0, 10)})`;
}
