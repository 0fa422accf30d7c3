import { z } from 'zod';
import { requireStaff, requireUser } from './auth.ts';
import { HttpError } from '../../http/http-error.ts';
import { parseBody, sendJson, type Router } from './http.ts';
import { nextId, type GymState } from './state.ts';

const ChargeFields = z.object({
  familyId: z.coerce.number().int().positive(),
  amount: z.coerce.number().positive().max(10_000),
  description: z.string().trim().min(1),
});

export function chargeRoutes(router: Router, state: GymState): void {
  router.on('POST', '/api/charges', (req, res) => {
    requireStaff(req);
    const fields = parseBody(ChargeFields, req.body);
    if (!state.families.has(fields.familyId)) throw new HttpError(400, `familyId: no family ${fields.familyId}`, 'familyId');
    const charge = { id: nextId(state, 'charges'), ...fields, at: new Date().toISOString() };
    state.charges.set(charge.id, charge);
    sendJson(res, 201, charge);
  });

  router.on('GET', '/api/charges', (req, res) => {
    const user = requireUser(req);
    sendJson(
      res,
      200,
      [...state.charges.values()].filter((c) => user.kind !== 'family' || c.familyId === user.familyId),
    );
  });
}
