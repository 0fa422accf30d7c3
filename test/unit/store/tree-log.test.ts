import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { expect, it } from 'vitest';
import { verifyCheckpoint } from '../../../shared/merkle/checkpoint-note.ts';
import { nodeCrypto } from '../../../proxy/store/merkle/node-crypto.ts';
import { loadSigner } from '../../../proxy/store/merkle/signing-key.ts';
import { createTreeLog } from '../../../proxy/store/merkle/tree-log.ts';
import { scratchDataDir } from '../../helpers/temp-store.ts';

it('signs one checkpoint at a time: a timer, a retention run and shutdown signing together all succeed, the last one on disk', async () => {
  const dataDir = await scratchDataDir();
  const signer = await loadSigner({ dataDir });
  const log = createTreeLog({ dataDir, signer, checkpointEveryMs: 0, onNotice: (m) => expect.fail(m) });
  await log.open({ retention: null, eachLine: async () => undefined });
  log.append([Buffer.from('one'), Buffer.from('two')]);
  const signed = await Promise.all([log.sign(), log.sign(['retention test']), log.sign()]);
  expect(signed.map((s) => s.size)).toEqual([2, 2, 2]);
  await log.close();
  const onDisk = await readFile(join(dataDir, 'checkpoint'), 'utf8');
  expect(onDisk).toBe(signed[2].text);
  expect((await verifyCheckpoint(nodeCrypto, onDisk, signer.key)).size).toBe(2);
});

it('makes the key on first use with mode 0600 and publishes the public half', async () => {
  const dataDir = await scratchDataDir();
  const signer = await loadSigner({ dataDir });
  const { stat } = await import('node:fs/promises');
  expect((await stat(join(dataDir, 'log-signing.key'))).mode & 0o777).toBe(0o600);
  expect((await readFile(join(dataDir, 'log-key.pub'), 'utf8')).trim()).toBe(signer.verifierKey);
  expect((await loadSigner({ dataDir })).verifierKey).toBe(signer.verifierKey);
  const fromEnv = await loadSigner({ dataDir: await scratchDataDir(), env: { PORTAL_AUDIT_SIGNING_KEY: await readFile(join(dataDir, 'log-signing.key'), 'utf8') } });
  expect(fromEnv.verifierKey).toBe(signer.verifierKey);
});
