import type { VerifyResponse } from '../../../shared/api.ts';
import { verifyLog } from '../../store/verify.ts';
import { sendJson } from '../http.ts';
import { parseVerifyParams } from '../params.ts';
import type { Route } from '../route.ts';

/** Walks the whole chain, as `portal-audit verify` does; `fingerprint` proves nothing before it was rewritten. */
export const verify: Route = {
  method: 'GET',
  path: '/api/verify',
  access: 'auditor',
  async handle(ctx, { store }) {
    const { fingerprint } = parseVerifyParams(ctx.url.searchParams);
    const body: VerifyResponse = await verifyLog(store, { fingerprint, trust: await store.trust() });
    sendJson(ctx.res, 200, body);
  },
};
