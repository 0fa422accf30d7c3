import { copyFile, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, it, onTestFinished } from 'vitest';
import { CheckpointResponse } from '../../shared/api.ts';
import { parseVerifierKey, verifyCheckpoint } from '../../shared/merkle/checkpoint-note.ts';
import { fromHex, verifyInclusion } from '../../shared/merkle/hashing.ts';
import { checkExtends } from '../../shared/merkle/witness.ts';
import { nodeCrypto, sha256 } from '../../proxy/store/merkle/node-crypto.ts';
import { leafHashOf } from '../../proxy/store/merkle/tree.ts';
import { bearer, call, draft, startAdminFixture } from '../helpers/admin-api.ts';
import { rewriteLog } from '../helpers/rewrite-log.ts';
import { runCli } from '../helpers/run-cli.ts';
import { drafts, openStore, scratchDataDir } from '../helpers/temp-store.ts';

/** The checkpoint the server serves, once it covers `size` entries (one is signed within a second of an append). */
async function checkpointOf(url: string, token: string, size: number) {
  let served: CheckpointResponse | null = null;
  await expect
    .poll(
      async () => {
        served = CheckpointResponse.parse((await call(`${url}/api/checkpoint`, { headers: bearer(token) })).json());
        return served.size;
      },
      { timeout: 10_000 },
    )
    .toBe(size);
  return served!;
}

it('serves signed checkpoints, consistency and inclusion proofs that check out in the shared verifier; bad parameters are named', async () => {
  const api = await startAdminFixture({ entries: Array.from({ length: 5 }, () => draft()) });
  onTestFinished(() => api.close());
  const first = await checkpointOf(api.url, api.auditorToken, 5);
  const key = await parseVerifierKey(sha256, first.publicKey);
  expect(first.fingerprint).toMatch(/^[0-9a-f]{4}( [0-9a-f]{4}){3}$/);
  expect((await verifyCheckpoint(nodeCrypto, first.checkpoint, key)).size).toBe(5);

  for (let i = 0; i < 6; i++) await api.store.append(draft());
  const second = await checkpointOf(api.url, api.auditorToken, 11);
  const consistencyProof = async (from: number, to: number) => (await call(`${api.url}/api/proof/consistency?from=${from}&to=${to}`, { headers: bearer(api.auditorToken) })).json().proof;
  expect(await checkExtends({ ...nodeCrypto, consistencyProof }, key, first.checkpoint, second.checkpoint)).toMatchObject({ ok: true, grew: 6 });

  const inclusion = (await call(`${api.url}/api/proof/inclusion?seq=3`, { headers: bearer(api.auditorToken) })).json();
  expect(inclusion).toMatchObject({ seq: 3, size: 11 });
  const root = (await verifyCheckpoint(nodeCrypto, second.checkpoint, key)).root;
  expect(await verifyInclusion(sha256, 2, 11, leafHashOf(inclusion.line), inclusion.proof.map(fromHex), root)).toBe(true);

  const refused = async (query: string) => (await call(`${api.url}/api/proof/${query}`, { headers: bearer(api.auditorToken) })).json();
  expect(await refused('consistency?from=abc')).toMatchObject({ param: 'from' });
  expect(await refused('consistency?from=12&to=11')).toMatchObject({ param: 'from' });
  expect(await refused('consistency?from=1&to=99')).toMatchObject({ param: 'to' });
  expect(await refused('inclusion?seq=0')).toMatchObject({ param: 'seq' });
  expect(await refused('inclusion?seq=3&size=2')).toMatchObject({ param: 'seq' });
  expect((await call(`${api.url}/api/checkpoint`)).status).toBe(401);
});

it('checkpoint, prove and verify-proof from the command line; verify --checkpoint --public-key catches a re-signed rewrite', async () => {
  const dataDir = await scratchDataDir();
  const outside = await scratchDataDir();
  const store = await openStore(dataDir);
  for (const d of drafts(6)) await store.append(d);
  await store.close();

  const checkpoint = await runCli(outside, 'checkpoint', '--data-dir', dataDir);
  expect(checkpoint.code).toBe(0);
  expect(checkpoint.stdout).toMatch(/^portal-audit\/[0-9a-f]{16}\n6\n/);
  await writeFile(join(outside, 'kept.checkpoint'), checkpoint.stdout);
  await copyFile(join(dataDir, 'log-key.pub'), join(outside, 'log-key.pub'));

  const proved = await runCli(outside, 'prove', '--seq', '3', '--data-dir', dataDir, '--out', join(outside, 'proof.json'));
  expect(proved.stdout).toMatch(/Proof of entry 3 written/);
  const checked = await runCli(outside, 'verify-proof', join(outside, 'proof.json'), '--public-key', join(outside, 'log-key.pub'));
  expect(checked).toMatchObject({ code: 0, stdout: expect.stringMatching(/Entry 3 is in the log: included in the tree of 6 entries signed at/) });
  const proof = JSON.parse(await readFile(join(outside, 'proof.json'), 'utf8'));
  await writeFile(join(outside, 'forged.json'), JSON.stringify({ ...proof, line: proof.line.replace(/"member":"[^"]*"/, '"member":"Someone Else"') }));
  expect(await runCli(outside, 'verify-proof', join(outside, 'forged.json'))).toMatchObject({ code: 1, stdout: expect.stringMatching(/does not hold: entry 3 was altered/) });

  await rewriteLog(dataDir, (lines) => (lines[3] = lines[3]!.replace(/"member":"[^"]*"/, '"member":"Someone Else"')), { rechainFrom: 3, resign: true });
  expect(await runCli(outside, 'verify', '--data-dir', dataDir)).toMatchObject({ code: 0 });
  const caught = await runCli(outside, 'verify', '--data-dir', dataDir, '--checkpoint', join(outside, 'kept.checkpoint'), '--public-key', join(outside, 'log-key.pub'));
  expect(caught).toMatchObject({ code: 1, stdout: expect.stringMatching(/the log was rewritten: entries up to 6 no longer hash to the root of the kept checkpoint/) });
}, 180_000);

it('portal-audit witness pins the key, follows the log, and exits 1 naming the rewrite', async () => {
  const dataDir = await mkdtemp(join(tmpdir(), 'pa-witness-'));
  const outside = await scratchDataDir();
  onTestFinished(() => rm(dataDir, { recursive: true, force: true }));
  const state = join(outside, 'witness.json');
  let api = await startAdminFixture({ dataDir, entries: Array.from({ length: 4 }, () => draft()) });
  await checkpointOf(api.url, api.auditorToken, 4);
  const witness = () => runCli(outside, 'witness', '--url', api.url, '--token', api.auditorToken, '--state', state);
  expect(await witness()).toMatchObject({ code: 0, stdout: expect.stringMatching(/First run: pinned the log's key \(fingerprint [0-9a-f ]{19}\) and its checkpoint of 4 entries/) });
  await api.store.append(draft());
  await checkpointOf(api.url, api.auditorToken, 5);
  expect(await witness()).toMatchObject({ code: 0, stdout: expect.stringMatching(/extends the checkpoint kept last time: 5 entries \(1 new\)/) });
  await api.close();

  await rewriteLog(dataDir, (lines) => lines.splice(1, 1), { rechainFrom: 1, resign: true });
  // The same log served again; the fixture makes its tokens afresh.
  await rm(join(dataDir, 'tokens.json'));
  api = await startAdminFixture({ dataDir });
  onTestFinished(() => api.close());
  await api.store.append(draft());
  await checkpointOf(api.url, api.auditorToken, 5);
  const caught = await runCli(outside, 'witness', '--url', api.url, '--token', api.auditorToken, '--state', state);
  expect(caught.code).toBe(1);
  expect(caught.stdout).toMatch(/The log was rewritten after \d{4}-\d{2}-\d{2}T[\d:.]+Z: 5 entries up to #5 are no longer what this witness saw/);
  expect(caught.stdout).toMatch(/Evidence \(keep it\):/);
}, 120_000);
