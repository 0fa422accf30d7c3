import { randomUUID } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import { AUDIT_LOG_SOURCE, type Entry } from '../../shared/entry.ts';
import type { Actors } from '../config/schema.ts';
import type { SearchRequest } from '../search/types.ts';
import type { Store } from '../store/store.ts';
import { HttpError } from './http.ts';
import type { Caller } from './tokens.ts';

/** What an admin did with the log; becomes an entry like any captured action. */
export interface SelfAuditEvent {
  verb: 'search' | 'export' | 'copy' | 'view';
  /** A sentence, e.g. Searched the audit log for "admin deleted smith" (3 matches). */
  action: string;
}

export interface SelfAudit {
  /**
   * Appends the event and resolves once it is durable. Routes call it before releasing what the admin
   * asked for, so nobody reads the log without leaving a trace (the same rule capture follows).
   */
  record(req: IncomingMessage, caller: Caller, ip: string, event: SelfAuditEvent): Promise<Entry>;
}

/**
 * Auditors are audited: their searches, exports, copies and history views go into the same chain.
 * A token named like a directory username is shown under that member's name (token "admin" → "Alex Morgan").
 */
export function createSelfAudit(store: Store, directory: Actors['directory'] = {}): SelfAudit {
  return {
    async record(req, caller, ip, event) {
      try {
        return await store.append({
          at: new Date().toISOString(),
          member: directory[caller.name]?.name ?? caller.name,
          // Token holders are the business's own admins and auditors.
          memberKind: 'staff',
          username: caller.name,
          source: AUDIT_LOG_SOURCE,
          ip,
          verb: event.verb,
          action: event.action,
          method: req.method ?? 'GET',
          path: req.url ?? '/',
          status: 200,
          outcome: 'success',
          // No affected records: a history view listing its record would show up in that record's history.
          records: [],
          requestId: randomUUID(),
          userAgent: req.headers['user-agent'] ?? null,
          truncated: false,
        });
      } catch {
        throw new HttpError(503, 'the audit log cannot record this request right now, so it was refused');
      }
    },
  };
}

/** `"smith" (staff admin)`-style description of a search's text and filters, for action sentences. */
export function describeQuery(request: Omit<SearchRequest, 'limit' | 'cursor'>): string {
  const parts = [request.q?.trim() ? `"${request.q.trim()}"` : 'all entries'];
  const filters: string[] = [];
  if (request.from) filters.push(`from ${request.from}`);
  if (request.to) filters.push(`to ${request.to}`);
  if (request.staff?.length) filters.push(`staff ${request.staff.join(', ')}`);
  if (request.sources?.length) filters.push(`source ${request.sources.join(', ')}`);
  if (request.verbs?.length) filters.push(`verb ${request.verbs.join(', ')}`);
  if (request.types?.length) filters.push(`type ${request.types.join(', ')}`);
  if (filters.length) parts.push(`(${filters.join('; ')})`);
  return parts.join(' ');
}

export const plural = (n: number, one: string, many: string) => `${n} ${n === 1 ? one : many}`;
