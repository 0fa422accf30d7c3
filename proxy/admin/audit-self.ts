import { randomUUID } from 'node:crypto';
import { AUDIT_LOG_SOURCE, type Entry } from '../../shared/entry.ts';
import type { SearchFilters } from '../../shared/api.ts';
import type { Store } from '../store/store.ts';
import { HttpError } from '../http/http-error.ts';
import type { Caller } from './tokens.ts';

/** What an admin did with the log; becomes an entry like any captured action. */
export interface SelfAuditEvent {
  verb: 'search' | 'export' | 'copy' | 'view';
  /** A sentence, e.g. Searched the audit log for "admin deleted smith" (3 matches). */
  action: string;
}

/** A search as the entries route saw it: its description (the same for the same search) and the sentence to log. */
export interface SearchEvent {
  /** The typed text (q). */
  text: string;
  /** describeQuery of the request: the text and filters. */
  query: string;
  action: string;
  /** The admin committed it (Enter, opening a result): it is logged before the answer is released. */
  commit: boolean;
}

/** What an entry says about the admin's request. */
export interface RequestFacts {
  method: string;
  /** Path and query, as sent. */
  path: string;
  userAgent: string | null;
}

export interface SelfAudit {
  /**
   * Appends the event and resolves once it is durable. Routes call it before releasing what the admin
   * asked for, so nobody reads the log without leaving a trace (the same rule capture follows). The
   * caller's pending search, if any, is logged first: it is what the export, copy or view came from.
   */
  record(req: RequestFacts, caller: Caller, ip: string, event: SelfAuditEvent): Promise<Entry>;
  /**
   * A search's first page. Committed, it is logged now (durably). Otherwise it waits as the caller's
   * pending search: a search that continues it (the same text typed further, or backspaced) replaces
   * it unlogged, as typing does; after a pause of `commitPauseMs`, any other search or any other
   * event of the caller, it is logged.
   */
  searched(req: RequestFacts, caller: Caller, ip: string, search: SearchEvent): Promise<void>;
  /** Logs the caller's pending search now, if any (opening a result commits the search it came from). */
  commit(caller: Caller): Promise<void>;
  /** Logs every pending search; call before closing the store. */
  close(): Promise<void>;
}

export interface SelfAuditOptions {
  /** The log the events go into. Required. */
  store: Store;
  /** How long a search must stand unchanged to count as committed. Default 2000 ms. */
  commitPauseMs?: number;
  /** Told when a pending search could not be logged (the store refused). Default console.warn. */
  onNotice?: (message: string) => void;
}

/** A commit of the same search as the one just logged (Enter after the pause) is not logged twice within this time. */
const REPEAT_WINDOW_MS = 60_000;

interface Pending {
  req: RequestFacts;
  caller: Caller;
  ip: string;
  search: SearchEvent;
  timer: NodeJS.Timeout;
}

/**
 * Auditors are audited: their searches, exports, copies and history views go into the same chain,
 * credited to the token ("token ann · Portal Audit", kind `token`), never to a portal user of the
 * same name, and with no username, so they never count as portal staff.
 */
export function createSelfAudit({ store, commitPauseMs = 2000, onNotice = (m) => console.warn(m) }: SelfAuditOptions): SelfAudit {
  const pending = new Map<string, Pending>();
  const lastSearch = new Map<string, { query: string; at: number }>();

  async function append(req: RequestFacts, caller: Caller, ip: string, event: SelfAuditEvent): Promise<Entry> {
    try {
      return await store.append({
        at: new Date().toISOString(),
        member: tokenMember(caller.name),
        memberKind: 'token',
        username: null,
        source: AUDIT_LOG_SOURCE,
        ip,
        verb: event.verb,
        action: event.action,
        method: req.method,
        path: req.path,
        status: 200,
        outcome: 'success',
        // No affected records: a history view listing its record would show up in that record's history.
        records: [],
        requestId: randomUUID(),
        userAgent: req.userAgent,
        truncated: false,
      });
    } catch {
      throw new HttpError(503, 'the audit log cannot record this request right now, so it was refused');
    }
  }

  async function logSearch({ req, caller, ip, search }: Omit<Pending, 'timer'>): Promise<void> {
    const last = lastSearch.get(caller.name);
    if (last && last.query === search.query && Date.now() - last.at < REPEAT_WINDOW_MS) return;
    lastSearch.set(caller.name, { query: search.query, at: Date.now() });
    await append(req, caller, ip, { verb: 'search', action: search.action });
  }

  async function flush(caller: Caller): Promise<void> {
    const waiting = pending.get(caller.name);
    if (!waiting) return;
    pending.delete(caller.name);
    clearTimeout(waiting.timer);
    await logSearch(waiting);
  }

  return {
    async record(req, caller, ip, event) {
      await flush(caller);
      lastSearch.delete(caller.name);
      return append(req, caller, ip, event);
    },

    async searched(req, caller, ip, search) {
      const waiting = pending.get(caller.name);
      if (waiting && continues(waiting.search, search)) {
        clearTimeout(waiting.timer);
        pending.delete(caller.name);
      } else {
        await flush(caller);
      }
      if (search.commit) return logSearch({ req, caller, ip, search });
      const timer = setTimeout(() => {
        pending.delete(caller.name);
        logSearch({ req, caller, ip, search }).catch(() => onNotice(`Could not log the search ${search.query} by token ${caller.name}: the audit log refused it`));
      }, commitPauseMs);
      timer.unref();
      pending.set(caller.name, { req, caller, ip, search, timer });
    },

    commit: flush,

    async close() {
      for (const { caller } of [...pending.values()]) await flush(caller).catch(() => onNotice(`Could not log the pending search of token ${caller.name}`));
    },
  };
}

/** The self-audit of one request, as the admin API's middleware hands it to the routes. */
export interface BoundSelfAudit {
  record(event: SelfAuditEvent): Promise<Entry>;
  searched(search: SearchEvent): Promise<void>;
  commit(): Promise<void>;
}

export function bindSelfAudit(audit: SelfAudit, req: RequestFacts, caller: Caller, ip: string): BoundSelfAudit {
  return {
    record: (event) => audit.record(req, caller, ip, event),
    searched: (search) => audit.searched(req, caller, ip, search),
    commit: () => audit.commit(caller),
  };
}

/** How the admins' activity is credited: to the token, as Portal Audit's own user. */
export function tokenMember(name: string): string {
  return `token ${name} · Portal Audit`;
}

/** Typing: the same filters, and the new text goes on from the old one or backs up over it. */
function continues(before: SearchEvent, after: SearchEvent): boolean {
  const filters = (e: SearchEvent) => e.query.slice(describeQuery({ q: e.text }).length);
  if (filters(before) !== filters(after)) return false;
  const a = before.text.trim().toLowerCase();
  const b = after.text.trim().toLowerCase();
  return a.startsWith(b) || b.startsWith(a);
}

/** `"smith" (staff admin)`-style description of a search's text and filters, for action sentences. */
export function describeQuery(request: Partial<SearchFilters>): string {
  const parts = [request.q?.trim() ? `"${request.q.trim()}"` : 'all entries'];
  const filters: string[] = [];
  if (request.from) filters.push(`from ${request.from}`);
  if (request.to) filters.push(`to ${request.to}`);
  if (request.staff?.length) filters.push(`staff ${request.staff.join(', ')}`);
  if (request.source?.length) filters.push(`source ${request.source.join(', ')}`);
  if (request.verb?.length) filters.push(`verb ${request.verb.join(', ')}`);
  if (request.type?.length) filters.push(`type ${request.type.join(', ')}`);
  if (filters.length) parts.push(`(${filters.join('; ')})`);
  return parts.join(' ');
}

export const plural = (n: number, one: string, many: string) => `${n} ${n === 1 ? one : many}`;
