import type { CheckpointResponse } from '../../../shared/api.ts';
import { HttpError, sendJson } from '../http.ts';
import { parseNoParams } from '../params.ts';
import type { AdminDeps, Route } from '../route.ts';

/** The writer's tree, or 503 when this store keeps none. */
export function treeOf({ store }: AdminDeps) {
  const tree = store.transparency?.() ?? null;
  if (!tree?.latest()) throw new HttpError(503, 'this log keeps no signed checkpoints');
  return { tree, latest: tree.latest()! };
}

/** The newest signed checkpoint: what witnesses (the extension, portal-audit witness) keep and compare. */
export const checkpoint: Route = {
  method: 'GET',
  path: '/api/checkpoint',
  access: 'auditor',
  async handle(ctx, deps) {
    parseNoParams(ctx.url.searchParams);
    const { tree, latest } = treeOf(deps);
    const changedOnDisk = tree.rewritten?.() ?? null;
    const body: CheckpointResponse = { checkpoint: latest.text, size: latest.size, publicKey: tree.publicKey.verifierKey, fingerprint: tree.publicKey.fingerprint, ...(changedOnDisk ? { changedOnDisk } : {}) };
    sendJson(ctx.res, 200, body);
  },
};
