import type { Ed25519Verify } from '../../shared/merkle/checkpoint-note.ts';
import type { Sha256 } from '../../shared/merkle/hashing.ts';

/** SHA-256 and Ed25519 from the browser's WebCrypto (Chromium 113+, Firefox 129+ have Ed25519): nothing hand-written. */
export const webSha256: Sha256 = async (data) => new Uint8Array(await crypto.subtle.digest('SHA-256', data as Uint8Array<ArrayBuffer>));

export const webEd25519Verify: Ed25519Verify = async (publicKey, message, signature) => {
  const key = await crypto.subtle.importKey('raw', publicKey as Uint8Array<ArrayBuffer>, { name: 'Ed25519' }, false, ['verify']);
  return crypto.subtle.verify({ name: 'Ed25519' }, key, signature as Uint8Array<ArrayBuffer>, message as Uint8Array<ArrayBuffer>);
};
