import { keyFingerprint, parseVerifierKey, verifyCheckpoint } from '../../shared/merkle/checkpoint-note.ts';
import { checkExtends, type WitnessResult } from '../../shared/merkle/witness.ts';
import type { ApiClient } from '../api/client.ts';
import { failureMessage } from '../api/client.ts';
import { webEd25519Verify, webSha256 } from './web-crypto.ts';

/** A rewrite this browser caught: kept until the key is pinned again, so the banner does not go away by itself. */
export interface WitnessFailure {
  reason: string;
  evidence: Extract<WitnessResult, { ok: false }>['evidence'];
  detectedAt: string;
  /** Where the server itself says the log was changed on disk ("entry 5 is not what was appended …"), when it says so. */
  serverSays?: string;
}

/** What this browser keeps as a witness of the log. */
export interface WitnessState {
  /** The log's verifier key, pinned on the options page. */
  publicKey: string;
  fingerprint: string;
  /** The newest checkpoint this browser verified. */
  checkpoint: string;
  failure: WitnessFailure | null;
}

export interface WitnessStorage {
  load(): Promise<WitnessState | null>;
  save(state: WitnessState | null): Promise<void>;
}

export type WitnessStatus =
  { kind: 'unpinned' } | { kind: 'consistent'; size: number; time: string | null } | { kind: 'rewritten'; failure: WitnessFailure } | { kind: 'unavailable'; message: string };

const deps = { sha256: webSha256, ed25519Verify: webEd25519Verify };

/** Pins the log's key as the server presents it now (the admin compares the fingerprint), with its checkpoint. */
export async function pinLogKey(client: ApiClient, storage: WitnessStorage): Promise<WitnessState> {
  const served = await client.checkpoint();
  const key = await parseVerifierKey(webSha256, served.publicKey);
  await verifyCheckpoint(deps, served.checkpoint, key);
  const state: WitnessState = { publicKey: served.publicKey, fingerprint: await keyFingerprint(webSha256, key.publicKey), checkpoint: served.checkpoint, failure: null };
  await storage.save(state);
  return state;
}

/**
 * The check run each time the popup or sidebar opens: the current checkpoint must be signed by the
 * pinned key and extend the newest one this browser verified (a consistency proof checked here, with
 * WebCrypto). A failure is stored and stays; a success moves the kept checkpoint forward.
 */
export async function checkLog(client: ApiClient, storage: WitnessStorage): Promise<WitnessStatus> {
  const state = await storage.load();
  if (!state) return { kind: 'unpinned' };
  if (state.failure) return { kind: 'rewritten', failure: state.failure };
  try {
    const served = await client.checkpoint();
    const key = await parseVerifierKey(webSha256, state.publicKey);
    const result = await checkExtends({ ...deps, consistencyProof: (from, to) => client.consistencyProof(from, to) }, key, state.checkpoint, served.checkpoint, 'this browser');
    if (!result.ok) {
      const serverSays = served.changedOnDisk?.reason;
      const failure: WitnessFailure = { reason: result.reason, evidence: result.evidence, detectedAt: new Date().toISOString(), ...(serverSays ? { serverSays } : {}) };
      await storage.save({ ...state, failure });
      return { kind: 'rewritten', failure };
    }
    await storage.save({ ...state, checkpoint: served.checkpoint });
    return { kind: 'consistent', size: result.checkpoint.size, time: result.checkpoint.time };
  } catch (error) {
    return { kind: 'unavailable', message: failureMessage(error) };
  }
}
