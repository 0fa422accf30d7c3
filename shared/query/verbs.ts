/** What an action word means: a verb, a record type, or both ("enrolled" is the create of an enrollment). */
export interface ActionMeaning {
  verb?: string;
  type?: string;
}

function forms(meaning: ActionMeaning, words: string): Array<[string, ActionMeaning]> {
  return words.split(',').map((w) => [w.trim(), meaning]);
}

/** Every way admins write an action, lowercased, with hyphens read as spaces ("check-in" = "check in"). */
export const ACTION_WORDS: ReadonlyMap<string, ActionMeaning> = new Map([
  ...forms({ verb: 'delete' }, 'delete, deletes, deleted, deleting, deletion, deletions, remove, removes, removed, removing, removal'),
  ...forms({ verb: 'create' }, 'create, creates, created, creating, creation, add, adds, added, adding, new'),
  ...forms({ verb: 'update' }, 'update, updates, updated, updating, change, changes, changed, changing, edit, edits, edited, editing, modify, modifies, modified, modifying'),
  ...forms({ verb: 'payment' }, 'pay, pays, paid, payed, paying, payment, payments'),
  ...forms({ verb: 'charge' }, 'charge, charges, charged, charging'),
  ...forms({ verb: 'refund' }, 'refund, refunds, refunded, refunding'),
  ...forms({ verb: 'login' }, 'login, logins, log in, logs in, logged in, logging in, signin, sign in, signs in, signed in, signing in'),
  ...forms({ verb: 'logout' }, 'logout, logouts, log out, logs out, logged out, logging out, signout, sign out, signs out, signed out, signing out'),
  ...forms({ verb: 'create', type: 'enrollment' }, 'enroll, enrolls, enrolled, enrolling, enrol, enrols, enrolling'),
  ...forms({ type: 'enrollment' }, 'enrollment, enrollments, enrolment, enrolments'),
  ...forms({ type: 'attendance' }, 'check in, checks in, checked in, checking in, checkin, checkins'),
  ...forms({ type: 'attendance' }, 'attendance'),
  ...forms(
    { type: 'timeclock' },
    'clock in, clocks in, clocked in, clocking in, clock out, clocks out, clocked out, clocking out, punch, punches, punched, punched in, punched out, timeclock, time clock',
  ),
]);

/** The verbs themselves, so `verb:deleted` and `verb:delete` both mean delete. */
export function verbOf(word: string): string | undefined {
  return ACTION_WORDS.get(word.toLowerCase())?.verb;
}

/**
 * Typos are only forgiven in longer words (six letters or more), against single-word forms: short
 * names like "Edith" or "Chang" are one letter from "edit" and "change" and must stay names.
 */
export const FUZZY_ACTION_MIN_LENGTH = 6;

export const FUZZY_ACTION_WORDS: readonly string[] = [...ACTION_WORDS.keys()].filter((w) => !w.includes(' ') && w.length >= FUZZY_ACTION_MIN_LENGTH);
