import { describeQuery, plural } from '../audit-self.ts';
import { parseSearchParams } from '../params.ts';
import { queryOf, type Route } from '../route.ts';

/** The search box: one page of matches, newest first, with total, histogram and the parsed query; `commit=1` when the admin commits the search. */
export const entries: Route = {
  method: 'GET',
  path: '/api/entries',
  access: 'auditor',
  async handle(c, { engine }) {
    const { commit, ...request } = parseSearchParams(queryOf(c));
    const result = await engine.search(request);
    // Scrolling fetches further pages of a search already logged with its total: the first page only.
    // One entry per search the admin commits, not per keystroke: see SelfAudit.searched.
    if (!request.cursor) {
      const matches = plural(result.total, 'match', 'matches');
      const query = describeQuery(request);
      await c.var.audit.searched({
        text: request.q ?? '',
        query,
        action: `Searched the audit log for ${query} (${result.totalIsEstimate ? 'about ' : ''}${matches})`,
        commit,
      });
    }
    return c.json(result);
  },
};
