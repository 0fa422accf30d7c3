import type { Trust } from './trust.ts';
import type { IncomingHttpHeaders } from 'node:http';
import type { AffectedRecord, EntryDraft } from '../../shared/entry.ts';
import type { Config, Portal, RecordRule } from '../config/schema.ts';

/** A request or response body as capture understands it. */
export interface CapturedBody {
  kind: 'json' | 'form' | 'multipart' | 'text' | 'none';
  /** Parsed fields for json/form/multipart (file parts become { filename, size }). */
  value: unknown;
  /** Bytes seen; may exceed the cap. */
  size: number;
  truncated: boolean;
  /** What parsing had to leave out or replace (too deep, too many fields, cut off), for the entry's notes. */
  notes?: string[];
}

export interface RuleMatch {
  rule: RecordRule;
  params: Record<string, string>;
}

/** Who is acting, as the actor step learned it. */
export interface Actor {
  member: string;
  memberKind: EntryDraft['memberKind'];
  username: string | null;
}

/**
 * Sessions learned from logins; kept outside capture so a step never touches the store's files. A
 * credential is a session cookie or a bearer token in one canonical form (see capture/credentials.ts).
 */
export interface SessionBook {
  /** Username for a credential a login handed out, if still valid. */
  lookup(credential: string): Promise<string | null>;
  /**
   * `credentials` name `username` for `hours` (the login's sessionHours), or for `seconds` when that is shorter (their
   * own lifetime: a cookie's Max-Age or Expires, a token's expires_in). No renewal takes them past `hours`.
   */
  remember(credentials: string[], username: string, hours: number, seconds?: number): Promise<void>;
  forget(credentials: string[]): Promise<void>;
  /**
   * The portal renewed a session: `next` (a new value, or `current` re-sent) belongs to whoever `current` does, until
   * current's expiry, or for `seconds` when the renewal gives its own lifetime, never past the end its login allowed.
   */
  follow(current: string, next: string[], seconds?: number): Promise<void>;
}

/** What a step may ask of the world outside the flow. */
export interface CaptureContext {
  config: Config;
  portal: Portal;
  sessions: SessionBook;
  /** The listener's trustedProxies, compiled once: which peers may speak for the client. */
  trust: Trust;
  /** GET a path from this portal's upstream with the acting client's own end-to-end headers (see server/lookup-headers.ts). */
  fetchUpstream(path: string, flow: Flow, kind?: LookupKind): Promise<{ status: number; body: unknown } | null>;
}

/**
 * One captured request/response pair, the thing every capture step reads and adds to
 * (after mitmproxy's flows). Steps fill `draft` and `records`; `record` says whether an entry is written.
 */
export interface Flow {
  requestId: string;
  startedAt: Date;
  record: boolean;
  request: {
    method: string;
    /** Path with query string, as the client sent it. */
    url: string;
    /** The normalised path that rules match (see parseTarget); the portal gets `url` untouched. */
    path: string;
    /** The path read with its encoded slashes as slashes, when that differs: rules that miss `path` are tried on it. */
    altPath?: string;
    query: Record<string, string>;
    headers: IncomingHttpHeaders;
    /** The socket's peer address. */
    remoteAddress: string;
    body: CapturedBody;
  };
  response?: {
    status: number;
    headers: IncomingHttpHeaders;
    body: CapturedBody;
  };
  /** Set when the upstream could not be reached or failed mid-response. */
  error?: NodeJS.ErrnoException;
  match?: RuleMatch;
  /** The record as it was before the change, when the rule asked for a snapshot. */
  before?: unknown;
  actor?: Actor;
  /** Values a step found to be secrets (a token in a logout's path); the redact step masks them wherever they appear. */
  secrets?: string[];
  records: AffectedRecord[];
  /** Entry fields as steps fill them in; `finishDraft` turns this into an EntryDraft. */
  draft: Partial<EntryDraft>;
  ctx: CaptureContext;
}

/**
 * A capture step, named after what it adds to the entry. `request` runs before the request is
 * forwarded (in pipeline order), `response` after the portal answered (or failed: see flow.error).
 */
export interface CaptureStep {
  name: string;
  request?(flow: Flow): void | Promise<void>;
  response?(flow: Flow): void | Promise<void>;
}

/** Why the portal is asked for a record: its state before a change, or a related record's name. */
export type LookupKind = 'snapshot' | 'nameFrom';
