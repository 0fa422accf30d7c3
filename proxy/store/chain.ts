import { createHash, hash } from 'node:crypto';
import canonicalize from 'canonicalize';
import type { Entry, EntryDraft } from '../../shared/entry.ts';
import { entryLine, unhashedBody } from './canonical-line.ts';
import type { ChainHead } from './store.ts';

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

/**
 * Does the entry still hash to its own `hash`? The one content check of verify, proofs and tail. `line`,
 * the entry's stored canonical line when the caller has it, spares serialising the entry again.
 */
export function hashHolds(entry: Entry, line: string = entryLine(entry)): boolean {
  return hash('sha256', entry.prevHash + unhashedBody(line, entry), 'hex') === entry.hash;
}

/** The next link of the chain: the draft placed after `prev` under `id`, hashed. Every driver builds entries here. */
export function linkEntry(prev: ChainHead, id: string, draft: EntryDraft): Entry {
  const { at, ...rest } = draft;
  const unhashed = { id, seq: prev.seq + 1, at, ...rest, prevHash: prev.hash };
  return { ...unhashed, hash: hashEntry(prev.hash, unhashed) };
}
