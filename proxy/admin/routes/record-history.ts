import type { RecordHistoryResponse } from '../../../shared/api.ts';
import { plural } from '../audit-self.ts';
import { sendJson } from '../http.ts';
import { parseNoParams } from '../params.ts';
import { callerOf, type Route } from '../route.ts';

/** Every entry that affected one record, newest first: the sidebar's "this record". */
export const recordHistory: Route = {
  method: 'GET',
  path: '/api/records/:type/:id',
  access: 'auditor',
  async handle(ctx, { engine, audit }) {
    parseNoParams(ctx.url.searchParams);
    const { type, id } = ctx.params as { type: string; id: string };
    const found = await engine.recordHistory(type, id);
    await audit.record(ctx.req, callerOf(ctx), ctx.ip, {
      verb: 'view',
      action: `Viewed the history of ${type} ${id} (${plural(found.length, 'entry', 'entries')})`,
    });
    const body: RecordHistoryResponse = { type, id, entries: found };
    sendJson(ctx.res, 200, body);
  },
};
