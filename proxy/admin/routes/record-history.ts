import type { RecordHistoryResponse } from '../../../shared/api.ts';
import { plural } from '../audit-self.ts';
import { parseNoParams } from '../params.ts';
import { pathParam, queryOf, type Route } from '../route.ts';

/** Every entry that affected one record, newest first: the sidebar's "this record". */
export const recordHistory: Route = {
  method: 'GET',
  path: '/api/records/:type/:id',
  access: 'auditor',
  async handle(c, { engine }) {
    parseNoParams(queryOf(c));
    const type = pathParam(c, 'type');
    const id = pathParam(c, 'id');
    const found = await engine.recordHistory(type, id);
    await c.var.audit.record({ verb: 'view', action: `Viewed the history of ${type} ${id} (${plural(found.length, 'entry', 'entries')})` });
    const body: RecordHistoryResponse = { type, id, entries: found };
    return c.json(body);
  },
};
