import { z } from 'zod';
import { requireFamilyAccess, requireUser, visibleRows } from './auth.ts';
import { parseBody, sendJson, type Router } from './http.ts';
import { nextId, requireFamily, type GymState } from './state.ts';

const PaymentFields = z
  .object({
    familyId: z.coerce.number().int().positive(),
    amount: z.coerce.number().positive().max(10_000),
    method: z.enum(['card', 'cash', 'check']),
    cardNumber: z
      .string()
      .regex(/^\d{12,19}$/, 'expected 12 to 19 digits')
      .optional(),
  })
  .refine((p) => p.method !== 'card' || p.cardNumber, { path: ['cardNumber'], message: 'required for a card payment' });

/** Takes a payment; like a card processor, the portal keeps only the card's last four digits. */
export function paymentRoutes(router: Router, state: GymState): void {
  router.on('POST', '/api/payments', (req, res) => {
    requireUser(req);
    const { cardNumber, ...fields } = parseBody(PaymentFields, req.body);
    requireFamily(state, fields.familyId);
    requireFamilyAccess(req, fields.familyId);
    const payment = { id: nextId(state, 'payments'), ...fields, cardLast4: cardNumber ? cardNumber.slice(-4) : null, at: new Date().toISOString() };
    state.payments.set(payment.id, payment);
    sendJson(res, 201, payment);
  });

  router.on('GET', '/api/payments', (req, res) =>
    sendJson(
      res,
      200,
      visibleRows(req, state.payments.values(), (p) => p.familyId),
    ),
  );
}
