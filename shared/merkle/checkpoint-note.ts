/* eslint-disable @typescript-eslint/no-non-null-assertion -- every ! here reads a non-optional capture group of a regex that has just matched */
import { fromBase64, sameBytes, toBase64, toHex, type Sha256 } from './hashing.ts';

/**
 * C2SP tlog-checkpoint in the C2SP signed-note format, read and checked without Node APIs:
 *
 *   <origin>\n<tree size>\n<base64 root hash>\n[extension lines\n]\n— <key name> <base64(key id || signature)>\n
 *
 * Keys are Ed25519; a key id is the first 4 bytes of sha256(name || 0x0A || 0x01 || public key),
 * and a verifier key is written `<name>+<key id hex>+<base64(0x01 || public key)>`, as Go's
 * golang.org/x/mod/sumdb/note does. Portal Audit adds extension lines: `time <ISO-8601>` (when it
 * was signed) and, for a retention run, `retention …` (what was removed; see retention).
 */
export interface Checkpoint {
  /** The signed text: every line up to the blank line, each ending in \n. */
  body: string;
  origin: string;
  size: number;
  root: Uint8Array;
  /** Lines after the root hash. */
  extensions: string[];
  /** The signed-at time from the `time` extension line, when present. */
  time: string | null;
  signatures: Array<{ name: string; keyId: Uint8Array; signature: Uint8Array }>;
}

export interface VerifierKey {
  name: string;
  keyId: Uint8Array;
  publicKey: Uint8Array;
}

/** The Ed25519 check, injected: node:crypto in the proxy, crypto.subtle in the browser. */
export type Ed25519Verify = (publicKey: Uint8Array, message: Uint8Array, signature: Uint8Array) => boolean | Promise<boolean>;

const ED25519 = 0x01;
const SIGNATURE_LINE = /^\u2014 (\S+) ([A-Za-z0-9+/=]+)$/;

export async function keyId(sha256: Sha256, name: string, publicKey: Uint8Array): Promise<Uint8Array> {
  const prefix = new TextEncoder().encode(`${name}\n`);
  const data = new Uint8Array(prefix.length + 1 + publicKey.length);
  data.set(prefix);
  data[prefix.length] = ED25519;
  data.set(publicKey, prefix.length + 1);
  return (await sha256(data)).slice(0, 4);
}

export async function formatVerifierKey(sha256: Sha256, name: string, publicKey: Uint8Array): Promise<string> {
  return `${name}+${toHex(await keyId(sha256, name, publicKey))}+${toBase64(Uint8Array.of(ED25519, ...publicKey))}`;
}

export async function parseVerifierKey(sha256: Sha256, text: string): Promise<VerifierKey> {
  const match = /^([^+\s]+)\+([0-9a-f]{8})\+([A-Za-z0-9+/=]+)$/.exec(text.trim());
  if (!match) throw new Error('not a verifier key (expected name+keyid+base64, as portal-audit start prints it)');
  const raw = fromBase64(match[3]!);
  if (raw.length !== 33 || raw[0] !== ED25519) throw new Error('not an Ed25519 verifier key');
  const publicKey = raw.slice(1);
  const id = await keyId(sha256, match[1]!, publicKey);
  if (toHex(id) !== match[2]) throw new Error('the verifier key id does not match its name and key');
  return { name: match[1]!, keyId: id, publicKey };
}

/** A short fingerprint people compare by eye: the first 8 bytes of sha256(public key), in groups of 4 hex digits. */
export async function keyFingerprint(sha256: Sha256, publicKey: Uint8Array): Promise<string> {
  return (toHex((await sha256(publicKey)).slice(0, 8)).match(/..../g) ?? []).join(' ');
}

export function checkpointBody(origin: string, size: number, root: Uint8Array, extensions: readonly string[]): string {
  return [origin, String(size), toBase64(root), ...extensions].map((line) => `${line}\n`).join('');
}

/** Reads a signed checkpoint's text; throws naming what is malformed. Signatures are not checked here. */
export function parseCheckpoint(text: string): Checkpoint {
  const split = text.indexOf('\n\n');
  if (split === -1) throw new Error('not a signed note: no blank line before the signatures');
  const body = text.slice(0, split + 1);
  const lines = body.slice(0, -1).split('\n');
  if (lines.length < 3) throw new Error('not a checkpoint: expected origin, tree size and root hash lines');
  const [origin, sizeText, rootText, ...extensions] = lines as [string, string, string, ...string[]];
  if (!/^(0|[1-9]\d{0,15})$/.test(sizeText)) throw new Error('not a checkpoint: the tree size is not a number');
  const root = fromBase64(rootText);
  if (root.length !== 32) throw new Error('not a checkpoint: the root hash is not 32 bytes');
  const signatures = text
    .slice(split + 2)
    .split('\n')
    .filter((line) => line !== '')
    .map((line) => {
      const match = SIGNATURE_LINE.exec(line);
      if (!match) throw new Error(`not a signature line: ${line.slice(0, 60)}`);
      const raw = fromBase64(match[2]!);
      if (raw.length < 5) throw new Error('a signature is too short');
      return { name: match[1]!, keyId: raw.slice(0, 4), signature: raw.slice(4) };
    });
  const time = extensions.find((line) => line.startsWith('time '))?.slice(5) ?? null;
  return { body, origin, size: Number(sizeText), root, extensions, time, signatures };
}

/** Parses a checkpoint and accepts it only with a valid signature by `key`; throws saying why not. */
export async function verifyCheckpoint(deps: { sha256: Sha256; ed25519Verify: Ed25519Verify }, text: string, key: VerifierKey): Promise<Checkpoint> {
  const checkpoint = parseCheckpoint(text);
  const message = new TextEncoder().encode(checkpoint.body);
  for (const sig of checkpoint.signatures) {
    if (sig.name !== key.name || !sameBytes(sig.keyId, key.keyId)) continue;
    if (await deps.ed25519Verify(key.publicKey, message, sig.signature)) return checkpoint;
    throw new Error(`the signature by ${key.name} does not verify: the checkpoint was altered or forged`);
  }
  throw new Error(`the checkpoint is not signed by the log's key ${key.name}`);
}
