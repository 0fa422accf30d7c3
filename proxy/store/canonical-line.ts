import canonicalize from 'canonicalize';
import type { Entry } from '../../shared/entry.ts';
import { CorruptLogError } from './errors.ts';

/**
 * How an entry is stored: one line of RFC 8785 canonical JSON (keys sorted, no whitespace, one
 * spelling per number and string). Only one byte sequence is an entry's stored form, so a line
 * with duplicate keys, reordered keys or added whitespace cannot be read two ways by two readers:
 * it is refused. The Merkle tree's leaves are these bytes.
 */
export function entryLine(entry: Entry): string {
  const line = canonicalize(entry);
  if (line === undefined) throw new TypeError('entry cannot be canonicalized');
  return line;
}

export const NOT_CANONICAL = 'line is not in canonical form (RFC 8785): duplicate keys, reordered keys or extra whitespace';

/** Parses a stored line, accepting it only if it is exactly the canonical form of what it parses to. */
export function parseStrictLine(text: string, where: string): Entry {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    throw new CorruptLogError(where, 'line is not valid JSON');
  }
  if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed) || !isCanonicalText(parsed, text)) throw new CorruptLogError(where, NOT_CANONICAL);
  return parsed as Entry;
}

/** Are the keys of every object in `value`, in the order JSON.parse kept them, strictly ascending by UTF-16 code units? */
function keysAscending(value: unknown): boolean {
  if (value === null || typeof value !== 'object') return true;
  if (Array.isArray(value)) return value.every(keysAscending);
  let previous: string | null = null;
  for (const key in value) {
    if (previous !== null && !(previous < key)) return false;
    previous = key;
    if (!keysAscending((value as Record<string, unknown>)[key])) return false;
  }
  return true;
}

/**
 * Is `text` exactly canonicalize(parsed)? RFC 8785 writes numbers and strings as JSON.stringify does
 * and sorts keys by UTF-16 code units, so a line that JSON.stringify gives back unchanged, with every
 * object's keys ascending, is canonical: about twice as fast as canonicalizing again, which is most of
 * verify's time. Anything else (integer-like keys, which V8 reorders; escaped lone surrogates, which
 * RFC 8785 refuses) is decided by canonicalize itself.
 */
export function isCanonicalText(parsed: unknown, text: string): boolean {
  if (JSON.stringify(parsed) === text && !text.includes('\\ud')) return keysAscending(parsed);
  return canonicalize(parsed) === text;
}

/**
 * The canonical JSON of an entry without its `hash`, cut from its canonical line instead of
 * serialised again (verify's per-entry cost). In canonical order only `action` and `at` come before
 * `hash`; when both are strings (which cannot hold an unescaped quote) the first `,"hash":"` is the
 * entry's own. Otherwise it is serialised again.
 */
export function unhashedBody(line: string, entry: Entry): string {
  const cut = `,"hash":"${entry.hash}"`;
  const at = line.indexOf(',"hash":"');
  if (typeof entry.action === 'string' && typeof entry.at === 'string' && at !== -1 && line.startsWith(cut, at)) return line.slice(0, at) + line.slice(at + cut.length);
  const { hash: _hash, ...rest } = entry;
  return canonicalize(rest) ?? '';
}
