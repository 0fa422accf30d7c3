import type { CheckpointResponse } from '../../../shared/api.ts';
import { HttpError } from '../../http/http-error.ts';
import { parseNoParams } from '../params.ts';
import { queryOf, type AdminDeps, type Route } from '../route.ts';

/** The writer's tree, or 503 when this store keeps none. */
export function treeOf({ store }: AdminDeps) {
  const tree = store.transparency?.() ?? null;
  const latest = tree?.latest();
  if (!tree || !latest) throw new HttpError(503, 'this log keeps no signed checkpoints');
  return { tree, latest };
}

/** The newest signed checkpoint: what witnesses (the extension, portal-audit witness) keep and compare. */
export const checkpoint: Route = {
  method: 'GET',
  path: '/api/checkpoint',
  access: 'auditor',
  async handle(c, deps) {
    parseNoParams(queryOf(c));
    const { tree, latest } = treeOf(deps);
    const changedOnDisk = tree.rewritten?.() ?? null;
    const body: CheckpointResponse = {
      checkpoint: latest.text,
      size: latest.size,
      publicKey: tree.publicKey.verifierKey,
      fingerprint: tree.publicKey.fingerprint,
      ...(changedOnDisk ? { changedOnDisk } : {}),
    };
    return c.json(body);
  },
};
