/* eslint-disable @typescript-eslint/no-non-null-assertion -- every `!` reads `buffer` at an index below `end`, a newline's index in it; these loops run per byte of every line at start */
import type { EntrySummary } from '../../../shared/entry.ts';
import { parseStrictLine } from '../canonical-line.ts';
import { CorruptLogError } from '../errors.ts';

const QUOTE = 0x22;
const BACKSLASH = 0x5c;
const ASCII_END = 0x80;
const ZERO = 0x30;
const NINE = 0x39;
const N = 0x6e;
const OPEN_BRACKET = 0x5b;
const CLOSE_BRACKET = 0x5d;
const OPEN_BRACE = 0x7b;
const CLOSE_BRACE = 0x7d;
const T = 0x74;
const R = 0x72;
const SPACE = 0x20;

/** Thrown when a line is not laid out the way the writer lays it out; the caller parses it whole. */
const UNEXPECTED = new Error('unexpected line layout');

/** Values at most this long are looked up among those read before instead of decoded again. */
const MAX_REPEATED_LENGTH = 64;
/** Distinct values remembered before starting over: names and sentences repeat, ids do not. */
const MAX_REPEATED_COUNT = 50_000;

/**
 * Reads what the search index needs from log lines' bytes, without JSON.parse. At a million
 * entries a full parse costs seconds and builds every entry's user agent, hashes and field changes
 * only to drop them. Lines are RFC 8785 canonical JSON (keys sorted: action, at, hash, id …), so the
 * fields are read in that order, each key exactly once; the records' `changes` (their values are
 * searchable) and `related` are the only parts handed to JSON.parse. Any other layout (an escaped character in a field, a duplicate or reordered
 * key, whitespace) goes to the strict parse, which accepts only the canonical form: the index never
 * reads one of two duplicate keys while verify reads the other. One reader serves a whole scan, so
 * that a member name, source or action read before comes back as the same string: no decoding, and
 * the index's lookups find its hash already computed.
 */
export class IndexFieldReader {
  private buffer: Buffer = Buffer.alloc(0);
  private at = 0;
  private end = 0;
  /** Short values read before, by a hash of their bytes; a hit is compared byte by byte. */
  private readonly repeated = new Map<number, string>();

  /** Throws CorruptLogError (naming `where`) for a line that is not the canonical form of an entry. */
  read(buffer: Buffer, start: number, end: number, where = 'log'): EntrySummary {
    const laidOut = this.readLaidOut(buffer, start, end);
    if (laidOut !== null) return laidOut;
    const { id, seq, at, member, memberKind, username, source, ip, verb, action, hash, records } = parseStrictLine(buffer.toString('utf8', start, end), where);
    if (!Array.isArray(records)) throw new CorruptLogError(where, 'line is not an entry');
    return {
      id,
      seq,
      at,
      member,
      memberKind,
      username,
      source,
      ip,
      verb,
      action,
      hash,
      records: records.map(({ type, id, name, changes, related }) => ({ type, id, name, changes, ...(related && { related }) })),
    };
  }

  /** The fields read straight from the bytes, or null when the line is not laid out as the writer lays it out. */
  readLaidOut(buffer: Buffer, start: number, end: number): EntrySummary | null {
    this.buffer = buffer;
    this.at = start;
    this.end = end;
    try {
      return this.entry();
    } catch (err) {
      if (err === UNEXPECTED) return null;
      throw err;
    }
  }

  private entry(): EntrySummary {
    this.literal('{"action":');
    const action = this.string(true);
    this.literal(',"at":');
    const at = this.string();
    this.literal(',"hash":');
    const hash = this.string();
    this.literal(',"id":');
    const id = this.string();
    this.literal(',"ip":');
    const ip = this.string(true);
    this.literal(',"member":');
    const member = this.string(true);
    this.literal(',"memberKind":');
    const memberKind = this.string(true) as EntrySummary['memberKind'];
    this.literal(',"method":');
    this.skipString();
    this.literal(',"outcome":');
    this.skipString();
    this.literal(',"path":');
    this.skipString();
    this.literal(',"prevHash":');
    this.skipString();
    this.literal(',"records":[');
    const records: EntrySummary['records'] = [];
    while (this.buffer[this.at] !== CLOSE_BRACKET) {
      if (records.length > 0) this.literal(',');
      this.literal('{"changes":');
      const changes = this.array() as EntrySummary['records'][number]['changes'];
      this.literal(',"id":');
      const recordId = this.stringOrNull();
      this.literal(',"link":');
      if (!this.nullHere()) this.skipString();
      this.literal(',"name":');
      const name = this.stringOrNull(true);
      this.literal(',"op":');
      this.skipString();
      // `related` is optional: entries written before it existed have none.
      const related = this.buffer[this.at + 2] === R ? (this.literal(',"related":'), this.array() as EntrySummary['records'][number]['related']) : undefined;
      this.literal(',"type":');
      const type = this.string(true);
      this.literal('}');
      records.push({ type, id: recordId, name, changes, ...(related && { related }) });
    }
    this.literal('],"requestId":');
    this.skipString();
    this.literal(',"seq":');
    const seq = this.integer();
    this.literal(',"source":');
    const source = this.string(true);
    this.literal(',"status":');
    if (!this.nullHere()) this.integer();
    this.literal(',"truncated":');
    if (this.buffer[this.at] === T) this.literal('true');
    else this.literal('false');
    this.literal(',"userAgent":');
    if (!this.nullHere()) this.skipString();
    this.literal(',"username":');
    const username = this.stringOrNull(true);
    this.literal(',"verb":');
    const verb = this.string(true);
    this.literal('}');
    if (this.at !== this.end) throw UNEXPECTED;
    return { id, seq, at, member, memberKind, username, source, ip, verb, action, hash, records };
  }

  private literal(text: string): void {
    const { buffer } = this;
    if (this.at + text.length > this.end) throw UNEXPECTED;
    for (let i = 0; i < text.length; i++) if (buffer[this.at + i] !== text.charCodeAt(i)) throw UNEXPECTED;
    this.at += text.length;
  }

  private nullHere(): boolean {
    if (this.buffer[this.at] !== N) return false;
    this.literal('null');
    return true;
  }

  private stringOrNull(repeats = false): string | null {
    return this.nullHere() ? null : this.string(repeats);
  }

  /** A string without escapes; one with escapes sends the line to JSON.parse. `repeats`: a value likely seen before. */
  private string(repeats = false): string {
    const { buffer, end } = this;
    if (buffer[this.at] !== QUOTE) throw UNEXPECTED;
    const first = this.at + 1;
    let ascii = true;
    let hash = 0;
    let i = first;
    for (; i < end; i++) {
      const c = buffer[i]!;
      if (c === QUOTE) break;
      if (c === BACKSLASH || c < SPACE) throw UNEXPECTED;
      if (c >= ASCII_END) ascii = false;
      hash = (Math.imul(hash, 31) + c) | 0;
    }
    if (i >= end) throw UNEXPECTED;
    this.at = i + 1;
    // Fresh strings (not slices of a larger one), so keeping one keeps nothing else alive.
    if (!ascii) return buffer.toString('utf8', first, i);
    if (!repeats || i - first > MAX_REPEATED_LENGTH) return buffer.toString('latin1', first, i);
    const known = this.repeated.get(hash);
    if (known !== undefined && sameBytes(known, buffer, first, i)) return known;
    const value = buffer.toString('latin1', first, i);
    if (this.repeated.size >= MAX_REPEATED_COUNT) this.repeated.clear();
    this.repeated.set(hash, value);
    return value;
  }

  /** Steps over a string the index does not keep, escapes and all. */
  private skipString(): void {
    const { buffer, end } = this;
    if (buffer[this.at] !== QUOTE) throw UNEXPECTED;
    let i = this.at + 1;
    for (; i < end && buffer[i] !== QUOTE; i++) if (buffer[i] === BACKSLASH) i++;
    if (i >= end) throw UNEXPECTED;
    this.at = i + 1;
  }

  /** A non-negative integer as canonical JSON writes it (no leading zero); anything else is parsed whole. */
  private integer(): number {
    const { buffer, end } = this;
    let value = 0;
    const first = this.at;
    for (; this.at < end; this.at++) {
      const c = buffer[this.at]!;
      if (c < ZERO || c > NINE) break;
      value = value * 10 + (c - ZERO);
    }
    if (this.at === first || (buffer[first] === ZERO && this.at > first + 1) || value > Number.MAX_SAFE_INTEGER) throw UNEXPECTED;
    return value;
  }

  /** A JSON array of any values; an empty one (most `changes` of logins) costs no parse. */
  private array(): unknown[] {
    const start = this.at;
    this.skipArray();
    return this.at - start === 2 ? [] : (JSON.parse(this.buffer.toString('utf8', start, this.at)) as unknown[]);
  }

  /** Steps over a JSON array of any values, minding strings so a bracket inside one does not count. */
  private skipArray(): void {
    const { buffer, end } = this;
    if (buffer[this.at] !== OPEN_BRACKET) throw UNEXPECTED;
    let depth = 0;
    for (let i = this.at; i < end; i++) {
      const c = buffer[i]!;
      if (c === QUOTE) {
        for (i++; i < end && buffer[i] !== QUOTE; i++) if (buffer[i] === BACKSLASH) i++;
      } else if (c === OPEN_BRACKET || c === OPEN_BRACE) {
        depth++;
      } else if (c === CLOSE_BRACKET || c === CLOSE_BRACE) {
        if (--depth === 0) {
          this.at = i + 1;
          return;
        }
      }
    }
    throw UNEXPECTED;
  }
}

function sameBytes(text: string, buffer: Buffer, start: number, end: number): boolean {
  if (text.length !== end - start) return false;
  for (let i = 0; i < text.length; i++) if (text.charCodeAt(i) !== buffer[start + i]) return false;
  return true;
}
