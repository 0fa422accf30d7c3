import type { WhoAmI } from '../../../shared/api.ts';
import { parseNoParams } from '../params.ts';
import { callerOf, queryOf, type Route } from '../route.ts';

/** The extension's "Test connection": proves the token works and says which role it has. */
export const me: Route = {
  method: 'GET',
  path: '/api/me',
  access: 'auditor',
  async handle(c) {
    parseNoParams(queryOf(c));
    const { name, role } = callerOf(c);
    const body: WhoAmI = { name, role };
    return c.json(body);
  },
};
