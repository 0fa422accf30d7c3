import { createHash } from 'node:crypto';
import canonicalize from 'canonicalize';
import type { Entry } from '../../shared/entry.ts';

/**
 * The tamper-evidence link: sha256 hex of the previous hash followed by the RFC 8785 canonical JSON
 * of the entry without its own hash. Canonical JSON makes the hash independent of key order and
 * number formatting, so any driver (or an auditor's own script) can recompute it.
 */
export function hashEntry(prevHash: string, entry: Omit<Entry, 'hash'> | Record<string, unknown>): string {
  const body = canonicalize(entry);
  if (body === undefined) throw new TypeError('entry cannot be canonicalized');
  return createHash('sha256').update(prevHash).update(body).digest('hex');
}

/** Recomputes an entry's hash from its stored form, ignoring the stored `hash` field. */
export function recomputeHash(entry: Record<string, unknown>): string {
  const { hash: _ignored, ...rest } = entry;
  return hashEntry(String(entry.prevHash), rest);
}
