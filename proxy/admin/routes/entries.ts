import { describeQuery, plural } from '../audit-self.ts';
import { sendJson } from '../http.ts';
import { parseSearchParams } from '../params.ts';
import { callerOf, type Route } from '../route.ts';

/** The search box: one page of matches, newest first, with total, histogram and the parsed query. */
export const entries: Route = {
  method: 'GET',
  path: '/api/entries',
  access: 'auditor',
  async handle(ctx, { engine, audit }) {
    const request = parseSearchParams(ctx.url.searchParams);
    const result = await engine.search(request);
    // Scrolling fetches further pages of a search already logged with its total: log the first page only.
    if (!request.cursor) {
      const matches = plural(result.total, 'match', 'matches');
      await audit.record(ctx.req, callerOf(ctx), ctx.ip, {
        verb: 'search',
        action: `Searched the audit log for ${describeQuery(request)} (${result.totalIsEstimate ? 'about ' : ''}${matches})`,
      });
    }
    sendJson(ctx.res, 200, result);
  },
};
