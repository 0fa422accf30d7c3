import type { Route } from '../route.ts';

/**
 * Liveness for monitors and the extension's "server unreachable" check: no token, no data. Always
 * 200 while the process answers; `status` is "degraded" when the log cannot take entries (mutations
 * then get 503 while reads flow), and `store.reason` says why, e.g. "ENOSPC: no space left on device".
 */
export const health: Route = {
  method: 'GET',
  path: '/api/health',
  access: 'public',
  async handle(c, { store }) {
    const status = store.status();
    return c.json({ ok: true, status: status.writable ? 'ok' : 'degraded', writable: status.writable, store: status });
  },
};
