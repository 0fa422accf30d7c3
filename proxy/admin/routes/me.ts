import type { WhoAmI } from '../../../shared/api.ts';
import { sendJson } from '../http.ts';
import { parseNoParams } from '../params.ts';
import { callerOf, type Route } from '../route.ts';

/** The extension's "Test connection": proves the token works and says which role it has. */
export const me: Route = {
  method: 'GET',
  path: '/api/me',
  access: 'auditor',
  async handle(ctx) {
    parseNoParams(ctx.url.searchParams);
    const { name, role } = callerOf(ctx);
    const body: WhoAmI = { name, role };
    sendJson(ctx.res, 200, body);
  },
};
