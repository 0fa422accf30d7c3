import { z } from 'zod';

/** What the parser understood from one piece of the search text; the UI shows each as a removable chip. */
export const Chip = z.object({
  kind: z.enum(['date', 'time', 'from', 'to', 'staff', 'verb', 'source', 'type', 'ip', 'term', 'exclude']),
  /** Short text for the chip, e.g. "date 01/01/2015", "17:10", "staff admin", "deleted", "Smith". */
  label: z.string(),
  /** The exact span of the original text this chip came from; removing the chip removes this span. */
  raw: z.string(),
  /** The normalised value: a username, a verb, an ISO instant, a term. */
  value: z.string(),
  /** Where `raw` starts in the text, so removing the chip removes that occurrence and not an earlier one. */
  start: z.number().int().nonnegative().optional(),
});
export type Chip = z.infer<typeof Chip>;

/**
 * A structured search: every list is OR within itself, and the parts AND together.
 * Instants are ISO-8601 UTC; `to` is exclusive. The API sends it back as SearchResponse.parsed.
 */
export const ParsedQuery = z.object({
  from: z.string().optional(),
  to: z.string().optional(),
  staff: z.array(z.string()),
  sources: z.array(z.string()),
  verbs: z.array(z.string()),
  types: z.array(z.string()),
  ips: z.array(z.string()),
  /** Name/text terms; each must match (fuzzily) a member name, record name, username or action word. */
  terms: z.array(z.string()),
  /** Terms whose entries are left out. */
  exclude: z.array(z.string()),
  chips: z.array(Chip),
  /** Parts of the text that were not understood or were read in a particular way (a bad `from:`, a DST gap). */
  warnings: z.array(z.string()).optional(),
});
export type ParsedQuery = z.infer<typeof ParsedQuery>;

export interface ParseOptions {
  /** IANA business time zone that dates and times are read in. */
  timezone: string;
  dateOrder: 'MDY' | 'DMY';
  /** Reference instant for "today", "3 days ago"; default now. */
  now?: Date;
  /** Known staff usernames, so a bare word like "admin" (or "admn") becomes a staff filter. */
  usernames?: readonly string[];
  /** Known source names, so "kiosk" or "customer portal" can become a source filter. */
  sources?: readonly string[];
  /** Known record types (student, family, payment …). */
  types?: readonly string[];
}

export function emptyQuery(): ParsedQuery {
  return { staff: [], sources: [], verbs: [], types: [], ips: [], terms: [], exclude: [], chips: [] };
}
