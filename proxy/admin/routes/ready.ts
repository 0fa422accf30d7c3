import { unreachable } from '../../server/reachable.ts';
import type { Route } from '../route.ts';

/**
 * Readiness for load balancers, no token: 200 when the store takes entries and every portal target
 * accepts a connection, else 503; the body says which part is not ready and why. `/api/health` stays
 * liveness (always 200 while the process answers).
 */
export const ready: Route = {
  method: 'GET',
  path: '/api/ready',
  access: 'public',
  async handle(c, { store, config }) {
    const status = store.status();
    const portals = await Promise.all(
      config.portals.map(async ({ source, target }) => {
        const reason = await unreachable(target);
        return { source, target, reachable: reason === null, ...(reason ? { reason } : {}) };
      }),
    );
    const isReady = status.writable && portals.every((p) => p.reachable);
    return c.json({ ready: isReady, store: status, portals }, isReady ? 200 : 503);
  },
};
