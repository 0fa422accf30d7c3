import { HttpError } from '../../http/http-error.ts';
import { parseNoParams } from '../params.ts';
import { pathParam, queryOf, type Route } from '../route.ts';

/** One entry with its records and changes, for a link to an entry or a drilldown after a reload. */
export const entry: Route = {
  method: 'GET',
  path: '/api/entries/:id',
  access: 'auditor',
  async handle(c, { engine }) {
    parseNoParams(queryOf(c));
    const id = pathParam(c, 'id');
    const found = await engine.getById(id);
    if (!found) throw new HttpError(404, `no entry with id ${id}`, 'id');
    // Opening a result commits the search it came from.
    await c.var.audit.commit();
    return c.json(found);
  },
};
