import type { CoverageReport } from '../../../shared/api.ts';
import { computeCoverage } from '../../coverage/coverage.ts';
import { parseNoParams } from '../params.ts';
import { queryOf, type Route } from '../route.ts';

/** What the record rules miss, from the whole log (see computeCoverage); admins only, like `portal-audit coverage`. */
export const coverage: Route = {
  method: 'GET',
  path: '/api/coverage',
  access: 'admin',
  async handle(c, { store, config }) {
    parseNoParams(queryOf(c));
    const body: CoverageReport = await computeCoverage(store.readSeq(1), { rules: config.records });
    return c.json(body);
  },
};
