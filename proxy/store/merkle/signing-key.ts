import { createPrivateKey, createPublicKey, generateKeyPairSync, sign, type KeyObject } from 'node:crypto';
import { mkdir, open, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { formatVerifierKey, keyFingerprint, keyId, parseVerifierKey, type VerifierKey } from '../../../shared/merkle/checkpoint-note.ts';
import { toHex } from '../../../shared/merkle/hashing.ts';
import { sha256 } from './node-crypto.ts';

/** Where a log's key lives unless it is given: made on the first start, mode 0600. */
export const SIGNING_KEY_FILE = 'log-signing.key';
/** The public half, written beside it for readers (verify, prove) and for people to copy. */
export const PUBLIC_KEY_FILE = 'log-key.pub';
/** An environment variable that holds the key instead of a file. */
export const SIGNING_KEY_ENV = 'PORTAL_AUDIT_SIGNING_KEY';

export interface Signer {
  /** The key name, also the checkpoints' origin line. */
  name: string;
  /** `name+keyid+base64`: what verifiers pin (the options page, witness, --public-key). */
  verifierKey: string;
  /** A short fingerprint of the public key for people to compare, e.g. `3f9a 1c22 ab01 77e4`. */
  fingerprint: string;
  key: VerifierKey;
  sign(message: Buffer): Buffer;
}

export interface SignerOptions {
  /** The data folder: the key is made there on first use unless given. Required. */
  dataDir: string;
  /** A key file to use instead (the same format). Default none. */
  keyFile?: string;
  /** Where PORTAL_AUDIT_SIGNING_KEY is looked up. Default process.env. */
  env?: NodeJS.ProcessEnv;
}

// PKCS#8 wrapping of a raw Ed25519 seed (RFC 8410), so node:crypto can load the key.
const PKCS8_ED25519 = Buffer.from('302e020100300506032b657004220420', 'hex');

/** `PRIVATE+KEY+<name>+<key id>+<base64(0x01 || seed)>`, the golang.org/x/mod/sumdb/note signer key format. */
async function formatSignerKey(name: string, seed: Buffer, publicKey: Buffer): Promise<string> {
  return `PRIVATE+KEY+${name}+${toHex(await keyId(sha256, name, publicKey))}+${Buffer.concat([Buffer.of(1), seed]).toString('base64')}\n`;
}

function parseSignerKey(text: string, where: string): { name: string; privateKey: KeyObject; publicKey: Buffer } {
  // Both groups are non-optional: they are undefined exactly when the text does not match.
  const [, name, base64] = /^PRIVATE\+KEY\+([^+\s]+)\+[0-9a-f]{8}\+([A-Za-z0-9+/=]+)$/.exec(text.trim()) ?? [];
  const raw = base64 === undefined ? undefined : Buffer.from(base64, 'base64');
  if (name === undefined || raw === undefined || raw.length !== 33 || raw[0] !== 1) throw new Error(`${where}: not a Portal Audit signing key (expected PRIVATE+KEY+name+keyid+base64)`);
  const privateKey = createPrivateKey({ key: Buffer.concat([PKCS8_ED25519, raw.subarray(1)]), format: 'der', type: 'pkcs8' });
  const publicKey = jwkBytes(createPublicKey(privateKey), 'x');
  return { name, privateKey, publicKey };
}

/** A member of an Ed25519 key's JWK export (`x` public, `d` private), which node always sets. */
function jwkBytes(key: KeyObject, member: 'x' | 'd'): Buffer {
  const value = key.export({ format: 'jwk' })[member];
  if (value === undefined) throw new Error(`the Ed25519 key's JWK export has no "${member}"`);
  return Buffer.from(value, 'base64url');
}

async function newKeyText(): Promise<string> {
  const { privateKey, publicKey } = generateKeyPairSync('ed25519');
  const pub = jwkBytes(publicKey, 'x');
  const seed = jwkBytes(privateKey, 'd');
  const name = `portal-audit/${toHex((await sha256(pub)).subarray(0, 8))}`;
  return formatSignerKey(name, seed, pub);
}

/**
 * The log's Ed25519 signing key, from the environment variable, a given file, or `<dataDir>/log-signing.key`
 * (made with mode 0600 on first use). The public key is written to `<dataDir>/log-key.pub`.
 */
export async function loadSigner({ dataDir, keyFile, env = process.env }: SignerOptions): Promise<Signer> {
  let text: string;
  let where: string;
  const fromEnv = env[SIGNING_KEY_ENV];
  if (fromEnv) {
    text = fromEnv;
    where = SIGNING_KEY_ENV;
  } else if (keyFile) {
    text = await readFile(keyFile, 'utf8');
    where = keyFile;
  } else {
    where = join(dataDir, SIGNING_KEY_FILE);
    await mkdir(dataDir, { recursive: true });
    text = await readFile(where, 'utf8').catch(async (err: NodeJS.ErrnoException) => {
      if (err.code !== 'ENOENT') throw err;
      const made = await newKeyText();
      const file = await open(where, 'wx', 0o600);
      try {
        await file.writeFile(made);
        await file.sync();
      } finally {
        await file.close();
      }
      return made;
    });
  }
  const { name, privateKey, publicKey } = parseSignerKey(text, where);
  const verifierKey = await formatVerifierKey(sha256, name, publicKey);
  const published = join(dataDir, PUBLIC_KEY_FILE);
  if ((await readFile(published, 'utf8').catch(() => '')).trim() !== verifierKey) await writeFile(published, `${verifierKey}\n`, { mode: 0o644 });
  return {
    name,
    verifierKey,
    fingerprint: await keyFingerprint(sha256, publicKey),
    key: await parseVerifierKey(sha256, verifierKey),
    sign: (message) => sign(null, message, privateKey),
  };
}

/** A verifier key from a file (or the data folder's log-key.pub); throws naming the file. */
export async function readVerifierKey(path: string): Promise<VerifierKey> {
  const text = await readFile(path, 'utf8');
  try {
    return await parseVerifierKey(sha256, text);
  } catch (err) {
    throw new Error(`${path}: ${(err as Error).message}`);
  }
}
