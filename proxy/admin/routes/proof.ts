import type { ConsistencyProofResponse, InclusionProofResponse } from '../../../shared/api.ts';
import { HttpError } from '../../http/http-error.ts';
import { entryLine } from '../../store/canonical-line.ts';
import { parseConsistencyParams, parseInclusionParams } from '../params.ts';
import { queryOf, type AdminDeps, type Route } from '../route.ts';
import { treeOf } from './checkpoint.ts';

const hex = (proof: Buffer[]) => proof.map((h) => h.toString('hex'));

/** The tree a proof is asked about: of `asked` entries (named `param`), default the newest checkpoint's, which the log must hold. */
function treeOfSize(deps: AdminDeps, param: string, asked: number | undefined) {
  const { tree, latest } = treeOf(deps);
  const size = asked ?? latest.size;
  if (size > tree.tree.size) throw new HttpError(400, `${param}: the log has ${tree.tree.size} entries`, param);
  return { tree: tree.tree, size };
}

/** A proof's other number must lie within its tree. */
function notPast(param: string, value: number, size: number, sizeName: string): void {
  if (value > size) throw new HttpError(400, `${param}: must not be larger than ${sizeName} (${size})`, param);
}

/** Proves that the tree of `from` entries (a checkpoint a witness kept) is a prefix of the tree of `to` (default: the newest checkpoint's). */
export const consistencyProof: Route = {
  method: 'GET',
  path: '/api/proof/consistency',
  access: 'auditor',
  async handle(c, deps) {
    const { from, to: asked } = parseConsistencyParams(queryOf(c));
    const { tree, size: to } = treeOfSize(deps, 'to', asked);
    notPast('from', from, to, 'to');
    const body: ConsistencyProofResponse = { from, to, proof: hex(tree.consistencyProof(from, to)) };
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
    const { tree, size } = treeOfSize(deps, 'size', asked);
    notPast('seq', seq, size, 'the tree size');
    const [entry] = await deps.store.getMany([seq]);
    if (!entry) throw new HttpError(404, `entry ${seq} is no longer in the log (removed by retention)`, 'seq');
    const body: InclusionProofResponse = { seq, size, line: entryLine(entry), proof: hex(tree.inclusionProof(seq - 1, size)) };
    return c.json(body);
  },
};
