import { AuditEventRequest } from '../../../shared/api.ts';
import { plural } from '../audit-self.ts';
import { HttpError, readJsonBody, sendJson } from '../http.ts';
import { parseNoParams } from '../params.ts';
import { callerOf, type Route } from '../route.ts';

/** The extension reports what it copied to the clipboard, since that happens where the server cannot see. */
export const auditEvents: Route = {
  method: 'POST',
  path: '/api/audit-events',
  access: 'auditor',
  async handle(ctx, { audit }) {
    parseNoParams(ctx.url.searchParams);
    const parsed = AuditEventRequest.safeParse(await readJsonBody(ctx.req));
    if (!parsed.success) {
      const issue = parsed.error.issues[0]!;
      const param = issue.path.length ? issue.path.join('.') : 'body';
      throw new HttpError(400, `${param}: ${issue.message}`, param);
    }
    const event = parsed.data;
    const what = event.query.trim() ? `from a search for "${event.query.trim()}"` : 'from the audit log';
    const ids = event.entryIds.length ? `: ${event.entryIds.join(', ')}` : '';
    const recorded = await audit.record(ctx.req, callerOf(ctx), ctx.ip, {
      verb: 'copy',
      action: `Copied ${plural(event.count, 'entry', 'entries')} to the clipboard ${what}${ids}`,
    });
    sendJson(ctx.res, 201, { id: recorded.id, seq: recorded.seq });
  },
};
