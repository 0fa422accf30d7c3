import type { Facets } from '../../../shared/api.ts';
import { parseNoParams } from '../params.ts';
import { queryOf, type Route } from '../route.ts';

/** The filter pickers' values plus what the extension needs to read dates and open record links. */
export const facets: Route = {
  method: 'GET',
  path: '/api/facets',
  access: 'auditor',
  async handle(c, { engine, config, portals }) {
    parseNoParams(queryOf(c));
    const links = new Map<string, { type: string; link: string }>();
    for (const rule of [...config.records, ...config.recordReads]) {
      if (rule.link) links.set(`${rule.type}\n${rule.link}`, { type: rule.type, link: rule.link });
    }
    const body: Facets = {
      ...engine.facets(),
      links: [...links.values()],
      timezone: config.timezone,
      dateOrder: config.dateOrder,
      portals,
    };
    return c.json(body);
  },
};
