import { z } from 'zod';

/** The sources a portal face can be, as the model product names them. Config may add its own. */
export const KNOWN_SOURCES = ['Office Portal', 'Staff Portal', 'Customer Portal', 'Mobile App', 'Check-In Kiosk', 'Time Clock Kiosk'] as const;

/** Source of the entries that record what admins did in the audit log itself. */
export const AUDIT_LOG_SOURCE = 'Audit Log';

/** `token`: an admin API token acting in the audit log itself (source Audit Log), never a portal user. */
export const MemberKind = z.enum(['staff', 'family', 'support', 'unknown', 'token']);
export type MemberKind = z.infer<typeof MemberKind>;

export const Outcome = z.enum(['success', 'failure', 'unknown']);
export type Outcome = z.infer<typeof Outcome>;

/** Shown in place of a secret value: the log still says that the field changed. */
export const REDACTED = '[redacted]';

export const FieldChange = z.object({
  field: z.string(),
  before: z.unknown(),
  after: z.unknown(),
});
export type FieldChange = z.infer<typeof FieldChange>;

export const AffectedRecord = z.object({
  type: z.string(),
  id: z.string().nullable(),
  name: z.string().nullable(),
  /** What happened to the record: create, update, delete, read, or a rule's own verb. */
  op: z.string(),
  /** Path of the record's page in the portal, from the rule's `link` template. */
  link: z.string().nullable(),
  changes: z.array(FieldChange),
  /**
   * Other records this one belongs to, e.g. the student of an enrollment or a check-in, the family of
   * a payment (from the rule's `nameFrom`). Absent on entries written before it existed, which
   * therefore keep their hash.
   */
  related: z.array(z.object({ type: z.string(), id: z.string() })).optional(),
});
export type AffectedRecord = z.infer<typeof AffectedRecord>;

export const Entry = z.object({
  /** ULID: sortable by time, unique across restarts. */
  id: z.string(),
  /** Position in the log: 1, 2, 3 … with no gaps. */
  seq: z.number().int().positive(),
  /** When the request arrived, ISO-8601 UTC with milliseconds. */
  at: z.string(),
  member: z.string(),
  memberKind: MemberKind,
  username: z.string().nullable(),
  source: z.string(),
  ip: z.string(),
  verb: z.string(),
  action: z.string(),
  method: z.string(),
  path: z.string(),
  /** Upstream status; null when the upstream never answered (error, crash recovery). */
  status: z.number().int().nullable(),
  outcome: Outcome,
  records: z.array(AffectedRecord),
  requestId: z.string(),
  userAgent: z.string().nullable(),
  /** True when a body was larger than the capture cap and only its start was read. */
  truncated: z.boolean(),
  /** What capture or the store had to leave out or replace, and why (a part too deep, unrepresentable, cut off); absent when nothing. */
  notes: z.array(z.string()).optional(),
  prevHash: z.string(),
  hash: z.string(),
});
export type Entry = z.infer<typeof Entry>;

/** What capture hands to the store; the store assigns the position and the chain. */
export const EntryDraft = Entry.omit({ id: true, seq: true, prevHash: true, hash: true });
export type EntryDraft = z.infer<typeof EntryDraft>;

/** The parts of an entry a search index keeps; a store may hand these over without building whole entries. */
export type EntrySummary = Pick<Entry, 'id' | 'seq' | 'at' | 'member' | 'memberKind' | 'username' | 'source' | 'ip' | 'verb' | 'action' | 'hash'> & {
  records: Array<Pick<AffectedRecord, 'type' | 'id' | 'name' | 'changes' | 'related'>>;
};

/** The hash of the entry before the first one. */
export const GENESIS_HASH = '0'.repeat(64);
