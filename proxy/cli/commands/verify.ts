import { readFile } from 'node:fs/promises';
import { SingleBar } from 'cli-progress';
import type { Command } from 'commander';
import { z } from 'zod';
import type { VerifyResponse } from '../../../shared/api.ts';
import { NOT_CANONICAL } from '../../store/canonical-line.ts';
import { CorruptLogError } from '../../store/errors.ts';
import { createStore } from '../../store/create-store.ts';
import { Fingerprint, verifyLog } from '../../store/verify.ts';
import type { Trust } from '../../store/merkle/trust.ts';
import { parseFlags } from '../flags.ts';
import { existingLogSettings } from '../settings.ts';

/** `portal-audit verify`: walks the whole hash chain; exit 0 when intact, 1 naming the first bad entry. */
export function addVerifyCommand(program: Command): void {
  program
    .command('verify')
    .description('check that no entry of the log was altered, removed, inserted or reordered')
    .option('--fingerprint <seq:hash>', 'a fingerprint printed by an earlier verify: fail if history before it was rewritten')
    .option('--checkpoint <file>', 'a signed checkpoint kept elsewhere (portal-audit checkpoint, or a witness): fail unless the log still extends it')
    .option('--public-key <file>', "the log's public key kept elsewhere (default: the data folder's log-key.pub)")
    .option('--data-dir <dir>', "data folder (default: the config file's dataDir)")
    .action(async (options: { fingerprint?: string; checkpoint?: string; publicKey?: string; dataDir?: string }, cmd: Command) => {
      parseFlags(z.object({ fingerprint: Fingerprint.optional() }), { fingerprint: options.fingerprint });
      const kept = options.checkpoint === undefined ? undefined : await readFile(options.checkpoint, 'utf8').catch(() => null);
      if (kept === null) return cmd.error(`--checkpoint: cannot read ${options.checkpoint}`, { exitCode: 2 });
      const settings = existingLogSettings(program, options.dataDir);
      // Read-only: verify may run beside the proxy that is writing the log.
      const store = createStore(settings, { readOnly: true });
      try {
        await store.open();
      } catch (err) {
        // A malformed retention checkpoint: the log cannot be anchored, which is itself a finding.
        if (!(err instanceof CorruptLogError)) throw err;
        console.log(`The log cannot be verified: ${err.message}`);
        process.exitCode = 1;
        return;
      }
      let trust: Trust;
      try {
        trust = await store.trust({ publicKeyFile: options.publicKey });
      } catch (err) {
        await store.close();
        if (options.publicKey === undefined) throw err;
        return cmd.error(`--public-key: ${(err as Error).message}`, { exitCode: 2 });
      }
      const bar = process.stderr.isTTY ? new SingleBar({ format: 'verifying [{bar}] {value}/{total} entries', stream: process.stderr }) : null;
      bar?.start(store.head().seq, 0);
      const result = await verifyLog(store, { fingerprint: options.fingerprint, checkpoint: kept, trust, onProgress: (checked) => bar?.update(checked) });
      bar?.stop();
      await store.close();
      if (result.ok) {
        console.log(`${result.checked} entries verified${retainedRange(result)}`);
        if (result.retention) console.log(`anchored on ${result.retention.anchor} (the last removed entry, from retention.json)`);
        console.log(`fingerprint: ${result.fingerprint ?? '(empty log)'}`);
        if (result.signed) console.log(`matches the newest signed checkpoint (${result.signed.size} entries, signed at ${result.signed.time})`);
        if (result.kept) console.log(`extends the kept checkpoint (${result.kept.size} entries, signed at ${result.kept.time})${trust.keyPinned ? ' under the public key given' : ''}`);
        return;
      }
      if (!result.firstBad) throw new Error('verifyLog reported a failure without its first bad entry');
      const { seq, reason } = result.firstBad;
      if (result.retention && seq < result.retention.firstSeq - 1) console.log(`Cannot check the fingerprint: ${reason}`);
      else console.log(`Entry ${seq} is bad: ${reason}`);
      if (reason.includes(NOT_CANONICAL) && seq === (result.retention?.firstSeq ?? 1))
        console.log('A log written by a version before strict reading needs portal-audit migrate-log once (see README).');
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
