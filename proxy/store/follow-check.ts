import type { Entry } from '../../shared/entry.ts';
import { hashHolds } from './chain.ts';
import type { Store } from './store.ts';

export interface FollowCheck {
  /** Checks the next entry shown, against the one shown before it. */
  check(entry: Entry): void;
  /** Resolves once every problem found so far has been told. */
  told(): Promise<void>;
}

/**
 * Checks each entry a follower shows (tail), as verify checks the log: no entry missing, each linked to
 * the one before, each still hashing to its own hash. A follower shows what is there and says where it
 * is wrong instead of stopping, naming where each entry concerned is stored (store.whereIs) so that a
 * person can open it. Problems are told in the order found.
 */
export function createFollowCheck(store: Pick<Store, 'whereIs'>, complain: (message: string) => void): FollowCheck {
  let prev: Entry | null = null;
  let telling = Promise.resolve();

  function tell(problem: string, seqs: readonly number[]): void {
    // A place that cannot be read (its file removed since) is left out; the problem is still told.
    const places = Promise.all(
      seqs.map((seq) =>
        store.whereIs(seq).then(
          (where) => where && `entry ${seq} at ${where}`,
          () => null,
        ),
      ),
    );
    telling = telling.then(async () => {
      const named = (await places).filter((place) => place !== null);
      complain(`${problem}${named.length > 0 ? ` (${named.join(', ')})` : ''}; run portal-audit verify`);
    });
  }

  return {
    check(entry) {
      if (prev && entry.seq > prev.seq + 1) {
        const missing = entry.seq - prev.seq > 2 ? `entries ${prev.seq + 1}–${entry.seq - 1} are` : `entry ${prev.seq + 1} is`;
        tell(`${missing} missing or unreadable: entry ${entry.seq} comes right after entry ${prev.seq}`, [entry.seq, prev.seq]);
      } else if (prev && entry.prevHash !== prev.hash) {
        tell(`entry ${entry.seq} does not chain: its prevHash is not the hash of entry ${prev.seq}, so an entry was inserted or replaced`, [entry.seq, prev.seq]);
      }
      if (!hashHolds(entry)) tell(`entry ${entry.seq} was altered: its content does not match its hash`, [entry.seq]);
      prev = entry;
    },
    told: () => telling,
  };
}
