import type { VerifyResponse } from '../../../shared/api.ts';
import { verifyLog } from '../../store/verify.ts';
import { parseVerifyParams } from '../params.ts';
import { queryOf, type Route } from '../route.ts';

/** Walks the whole chain, as `portal-audit verify` does; `fingerprint` proves nothing before it was rewritten. */
export const verify: Route = {
  method: 'GET',
  path: '/api/verify',
  access: 'auditor',
  async handle(c, { store }) {
    const { fingerprint } = parseVerifyParams(queryOf(c));
    const body: VerifyResponse = await verifyLog(store, { fingerprint, trust: await store.trust() });
    return c.json(body);
  },
};
