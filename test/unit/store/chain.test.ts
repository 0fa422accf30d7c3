import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { hashEntry, linkEntry, recomputeHash } from '../../../proxy/store/chain.ts';
import { drafts } from '../../helpers/temp-store.ts';

const GENESIS = '0'.repeat(64);

describe('the hash chain', () => {
  it('hashes the previous hash followed by the canonical JSON, so an auditor can recompute it with sha256 alone', () => {
    const entry = { seq: 1, b: 'x', a: 1.5e3 };
    // RFC 8785: keys sorted, numbers in their shortest form.
    const expected = createHash('sha256').update(`${GENESIS}{"a":1500,"b":"x","seq":1}`).digest('hex');
    expect(hashEntry(GENESIS, entry)).toBe(expected);
    expect(hashEntry(GENESIS, { a: 1500, seq: 1, b: 'x' })).toBe(expected);
    expect(hashEntry('f'.repeat(64), entry)).not.toBe(expected);
  });

  it('refuses an entry that has no canonical JSON instead of hashing nothing', () => {
    expect(() => hashEntry(GENESIS, undefined as never)).toThrow(new TypeError('entry cannot be canonicalized'));
  });

  it('links a draft after the head: next seq, the head hash as prevHash, and a hash recomputeHash agrees with', () => {
    const [draft] = drafts(1);
    const head = { seq: 41, hash: 'a'.repeat(64) };
    const entry = linkEntry(head, 'id-42', draft!);
    expect(entry).toMatchObject({ id: 'id-42', seq: 42, at: draft!.at, prevHash: head.hash, requestId: draft!.requestId });
    expect(entry.hash).toMatch(/^[0-9a-f]{64}$/);
    expect(recomputeHash(entry)).toBe(entry.hash);
    expect(recomputeHash({ ...entry, hash: 'ignored' })).toBe(entry.hash);
    expect(recomputeHash({ ...entry, seq: 43 })).not.toBe(entry.hash);
  });
});
