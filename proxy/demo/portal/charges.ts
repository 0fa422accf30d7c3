import { z } from 'zod';
import { requireStaff, visibleRows } from './auth.ts';
import { parseBody, sendJson, type Router } from './http.ts';
import { nextId, requireFamily, type GymState } from './state.ts';

const ChargeFields = z.object({
  familyId: z.coerce.number().int().positive(),
  amount: z.coerce.number().positive().max(10_000),
  description: z.string().trim().min(1),
});

export function chargeRoutes(router: Router, state: GymState): void {
  router.on('POST', '/api/charges', (req, res) => {
    requireStaff(req);
    const fields = parseBody(ChargeFields, req.body);
    requireFamily(state, fields.familyId);
    const charge = { id: nextId(state, 'charges'), ...fields, at: new Date().toISOString() };
    state.charges.set(charge.id, charge);
    sendJson(res, 201, charge);
  });

  router.on('GET', '/api/charges', (req, res) =>
    sendJson(
      res,
      200,
      visibleRows(req, state.charges.values(), (c) => c.familyId),
    ),
  );
}
