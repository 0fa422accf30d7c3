import type { ConsistencyProofResponse, InclusionProofResponse } from '../../../shared/api.ts';
import { HttpError } from '../../http/http-error.ts';
import { entryLine } from '../../store/canonical-line.ts';
import { parseConsistencyParams, parseInclusionParams } from '../params.ts';
import { queryOf, type Route } from '../route.ts';
import { treeOf } from './checkpoint.ts';

const hex = (proof: Buffer[]) => proof.map((h) => h.toString('hex'));

/** Proves that the tree of `from` entries (a checkpoint a witness kept) is a prefix of the tree of `to` (default: the newest checkpoint's). */
export const consistencyProof: Route = {
  method: 'GET',
  path: '/api/proof/consistency',
  access: 'auditor',
  async handle(c, deps) {
    const { from, to: asked } = parseConsistencyParams(queryOf(c));
    const { tree, latest } = treeOf(deps);
    const to = asked ?? latest.size;
    if (to > tree.tree.size) throw new HttpError(400, `to: the log has ${tree.tree.size} entries`, 'to');
    if (from > to) throw new HttpError(400, `from: must not be larger than to (${to})`, 'from');
    const body: ConsistencyProofResponse = { from, to, proof: hex(tree.tree.consistencyProof(from, to)) };
    return c.json(body);
  },
};

/** Proves that entry `seq` is in the tree of `size` (default: the newest checkpoint's), with the entry's stored line. */
export const inclusionProof: Route = {
  method: 'GET',
  path: '/api/proof/inclusion',
  access: 'auditor',
  async handle(c, deps) {
    const { seq, size: asked } = parseInclusionParams(queryOf(c));
    const { tree, latest } = treeOf(deps);
    const size = asked ?? latest.size;
    if (size > tree.tree.size) throw new HttpError(400, `size: the log has ${tree.tree.size} entries`, 'size');
    if (seq > size) throw new HttpError(400, `seq: must not be larger than the tree size (${size})`, 'seq');
    const [entry] = await deps.store.getMany([seq]);
    if (!entry) throw new HttpError(404, `entry ${seq} is no longer in the log (removed by retention)`, 'seq');
    const body: InclusionProofResponse = { seq, size, line: entryLine(entry), proof: hex(tree.tree.inclusionProof(seq - 1, size)) };
    return c.json(body);
  },
};
