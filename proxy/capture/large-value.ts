import { createHash } from 'node:crypto';
import { LARGE_VALUE_BYTES } from './body-limits.ts';

/**
 * A string too large to log whole (an attachment, a base64 image) as its size and sha256, e.g.
 * "[12288 bytes, sha256 9f86…]": enough to tell whether it changed and to match a copy, no more.
 * Smaller strings are returned as they are.
 */
export function summariseLarge(text: string): string {
  // Most strings are far below the limit; only count bytes for the ones that may exceed it.
  if (text.length * 3 <= LARGE_VALUE_BYTES) return text;
  const bytes = Buffer.byteLength(text);
  if (bytes <= LARGE_VALUE_BYTES) return text;
  return `[${bytes} bytes, sha256 ${createHash('sha256').update(text).digest('hex')}]`;
}
