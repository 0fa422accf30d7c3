/**
 * The value at an RFC 6901 JSON pointer (`/access_token`, `/data/token`, `/a~1b` for the key "a/b"),
 * or undefined. Walks only own keys of plain objects and arrays, at most as deep as the pointer.
 */
export function atPointer(value: unknown, pointer: string): unknown {
  if (pointer === '') return value;
  let at: unknown = value;
  for (const raw of pointer.slice(1).split('/')) {
    const key = raw.replace(/~1/g, '/').replace(/~0/g, '~');
    if (at === null || typeof at !== 'object' || !Object.hasOwn(at, key)) return undefined;
    at = (at as Record<string, unknown>)[key];
  }
  return at;
}
