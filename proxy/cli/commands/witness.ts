import { readFile } from 'node:fs/promises';
import type { Command } from 'commander';
import { z } from 'zod';
import { CheckpointResponse, ConsistencyProofResponse } from '../../../shared/api.ts';
import { keyFingerprint, parseVerifierKey, verifyCheckpoint } from '../../../shared/merkle/checkpoint-note.ts';
import { checkExtends } from '../../../shared/merkle/witness.ts';
import { writeFileAtomic } from '../../fs/atomic-write.ts';
import { nodeCrypto, sha256 } from '../../store/merkle/node-crypto.ts';
import { readVerifierKey } from '../../store/merkle/signing-key.ts';

/** What a witness keeps between runs: the key it pinned and the newest checkpoint it verified. */
const WitnessState = z.object({ publicKey: z.string(), checkpoint: z.string() });

async function getJson<T>(url: string, token: string, schema: z.ZodType<T>): Promise<T> {
  const res = await fetch(url, { headers: { authorization: `Bearer ${token}` }, signal: AbortSignal.timeout(30_000) });
  const body: unknown = await res.json().catch(() => null);
  if (!res.ok) throw new Error(`${url} answered ${res.status}${body && typeof body === 'object' && 'error' in body ? `: ${String(body.error)}` : ''}`);
  return schema.parse(body);
}

async function saveState(path: string, state: z.infer<typeof WitnessState>): Promise<void> {
  await writeFileAtomic(path, `${JSON.stringify(state, null, 2)}\n`, { mode: 0o600, syncFolder: false });
}

/** `portal-audit witness`: an external witness for cron on another machine; exit 1 on a rewrite. */
export function addWitnessCommand(program: Command): void {
  program
    .command('witness')
    .description('check that the log extends the checkpoint this witness kept last time (run it from cron on another machine); exit 1 on a rewrite')
    .requiredOption('--url <url>', 'the admin API, e.g. https://audit.example.com:7070')
    .requiredOption('--token <token>', 'an admin or auditor token')
    .requiredOption('--state <file>', 'where this witness keeps the pinned key and the newest verified checkpoint')
    .option('--public-key <file>', "the log's public key to pin on the first run (default: the one the server sends, printed to compare)")
    .action(async (options: { url: string; token: string; state: string; publicKey?: string }) => {
      const base = options.url.replace(/\/+$/, '');
      try {
        const served = await getJson(`${base}/api/checkpoint`, options.token, CheckpointResponse);
        const kept = await readFile(options.state, 'utf8').then(
          (text) => WitnessState.parse(JSON.parse(text)),
          (err: NodeJS.ErrnoException) => (err.code === 'ENOENT' ? null : Promise.reject(err)),
        );
        if (!kept) {
          const key = options.publicKey ? await readVerifierKey(options.publicKey) : await parseVerifierKey(sha256, served.publicKey);
          const checkpoint = await verifyCheckpoint(nodeCrypto, served.checkpoint, key);
          await saveState(options.state, { publicKey: served.publicKey, checkpoint: served.checkpoint });
          console.log(`First run: pinned the log's key (fingerprint ${await keyFingerprint(sha256, key.publicKey)}) and its checkpoint of ${checkpoint.size} entries`);
          return;
        }
        const key = await parseVerifierKey(sha256, kept.publicKey);
        const consistencyProof = async (from: number, to: number) => (await getJson(`${base}/api/proof/consistency?from=${from}&to=${to}`, options.token, ConsistencyProofResponse)).proof;
        const result = await checkExtends({ ...nodeCrypto, consistencyProof }, key, kept.checkpoint, served.checkpoint);
        if (!result.ok) {
          console.log(result.reason);
          console.log(`Evidence (keep it):\n${JSON.stringify(result.evidence, null, 2)}`);
          process.exitCode = 1;
          return;
        }
        await saveState(options.state, { publicKey: kept.publicKey, checkpoint: served.checkpoint });
        console.log(`The log extends the checkpoint kept last time: ${result.checkpoint.size} entries (${result.grew} new), consistent`);
      } catch (err) {
        console.log(`Witness could not check the log: ${(err as Error).message}`);
        process.exitCode = 2;
      }
    });
}
