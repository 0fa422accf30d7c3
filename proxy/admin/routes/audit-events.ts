import { AuditEventRequest, firstProblem } from '../../../shared/api.ts';
import { HttpError } from '../../http/http-error.ts';
import { plural } from '../audit-self.ts';
import { parseNoParams } from '../params.ts';
import { queryOf, type AdminContext, type Route } from '../route.ts';

/** The JSON body (bodyLimit in app.ts has already bounded its size). */
async function jsonBody(c: AdminContext): Promise<unknown> {
  if (!/^application\/json\b/i.test(c.req.header('content-type') ?? '')) {
    throw new HttpError(415, 'the body must be JSON (Content-Type: application/json)', 'body');
  }
  try {
    return await c.req.json();
  } catch {
    throw new HttpError(400, 'the body is not valid JSON', 'body');
  }
}

/** The extension reports what it copied to the clipboard, since that happens where the server cannot see. */
export const auditEvents: Route = {
  method: 'POST',
  path: '/api/audit-events',
  access: 'auditor',
  async handle(c) {
    parseNoParams(queryOf(c));
    const parsed = AuditEventRequest.safeParse(await jsonBody(c));
    if (!parsed.success) {
      const { param, message } = firstProblem(parsed.error, 'body');
      throw new HttpError(400, `${param}: ${message}`, param);
    }
    const event = parsed.data;
    const what = event.query.trim() ? `from a search for "${event.query.trim()}"` : 'from the audit log';
    const ids = event.entryIds.length ? `: ${event.entryIds.join(', ')}` : '';
    const recorded = await c.var.audit.record({
      verb: 'copy',
      action: `Copied ${plural(event.count, 'entry', 'entries')} to the clipboard ${what}${ids}`,
    });
    return c.json({ id: recorded.id, seq: recorded.seq }, 201);
  },
};
