import { sendJson } from '../http.ts';
import type { Route } from '../route.ts';

/** Liveness for monitors and the extension's "server unreachable" check: no token, no data. */
export const health: Route = {
  method: 'GET',
  path: '/api/health',
  access: 'public',
  async handle({ res }, { store }) {
    sendJson(res, 200, { ok: true, writable: store.writable() });
  },
};
