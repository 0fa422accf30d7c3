/**
 * 32-bit FNV-1a of a string's UTF-16 code units. Used where the index keeps a number instead of a
 * string (entry ids, record keys) and then checks the real entries, so a collision costs one extra
 * read, never a wrong answer.
 */
export function hashString(text: string): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    hash ^= text.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193);
  }
  return hash >>> 0;
}
