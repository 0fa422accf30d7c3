import { createHash, createPublicKey, verify } from 'node:crypto';
import type { Ed25519Verify } from '../../../shared/merkle/checkpoint-note.ts';
import type { Sha256 } from '../../../shared/merkle/hashing.ts';

/** The primitives the shared checkpoint and proof code is given in Node: node:crypto only. */
export const sha256: Sha256 = (data) => createHash('sha256').update(data).digest();

export const ed25519Verify: Ed25519Verify = (publicKey, message, signature) => {
  const key = createPublicKey({ key: { kty: 'OKP', crv: 'Ed25519', x: Buffer.from(publicKey).toString('base64url') }, format: 'jwk' });
  return verify(null, message, key, signature);
};

export const nodeCrypto = { sha256, ed25519Verify };
