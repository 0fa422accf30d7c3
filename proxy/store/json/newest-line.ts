import { NOT_CANONICAL, parseStrictLine } from '../canonical-line.ts';
import { CorruptLogError } from '../errors.ts';
import type { ChainHead } from '../store.ts';

export interface NewestLineContext {
  /** The segment holding the line, for messages. */
  segment: string;
  /** The highest seq the index holds. */
  maxSeq: number;
  readOnly: boolean;
  onNotice: (message: string) => void;
}

/** The chain head the newest line of the log gives; a writer refuses a line it cannot go on from. */
export function headOfNewestLine(line: string, { segment, maxSeq, readOnly, onNotice }: NewestLineContext): ChainHead {
  try {
    const last = parseStrictLine(line, segment);
    return { seq: last.seq, hash: last.hash };
  } catch (err) {
    const isLegacy = (err as Error).message.includes(NOT_CANONICAL);
    // An altered byte in the newest line: the chain goes on from the hash that line still holds, so
    // the proxy starts and verify names that one line. Canonical order puts the entry's own `hash`
    // first among keys that could be spelt so (only `action` and `at`, plain strings, come before it).
    const hash = /"hash":"([0-9a-f]{64})"/.exec(line)?.[1];
    if (!readOnly && !isLegacy && hash && maxSeq > 0) {
      onNotice(`The newest line of ${segment} is corrupt (${(err as Error).message}); the log goes on after entry ${maxSeq} from the hash that line holds; run portal-audit verify`);
      return { seq: maxSeq, hash };
    }
    const legacy = isLegacy ? ' (a log written by a version before strict reading: run portal-audit migrate-log once, see README)' : '; run portal-audit verify';
    if (!readOnly) throw new CorruptLogError(segment, `the newest line is not a canonical entry${legacy}`);
    return { seq: maxSeq, hash: '' };
  }
}
