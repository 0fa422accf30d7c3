import { HttpError, sendJson } from '../http.ts';
import { parseNoParams } from '../params.ts';
import { callerOf, type Route } from '../route.ts';

/** One entry with its records and changes, for a link to an entry or a drilldown after a reload. */
export const entry: Route = {
  method: 'GET',
  path: '/api/entries/:id',
  access: 'auditor',
  async handle(ctx, { engine, audit }) {
    parseNoParams(ctx.url.searchParams);
    const found = await engine.getById(ctx.params.id!);
    if (!found) throw new HttpError(404, `no entry with id ${ctx.params.id}`, 'id');
    // Opening a result commits the search it came from.
    await audit.commit(callerOf(ctx));
    sendJson(ctx.res, 200, found);
  },
};
