import { z } from 'zod';
import { requireFamilyAccess, requireStaff, visibleRows } from './auth.ts';
import { crudRoutes } from './crud.ts';
import type { Router } from './http.ts';
import { DEMO_PASSWORD } from './seed-data.ts';
import { nextId, publicFamily, type GymState } from './state.ts';

const FamilyFields = z.object({
  guardianFirst: z.string().trim().min(1),
  guardianLast: z.string().trim().min(1),
  email: z.email(),
  phone: z
    .string()
    .trim()
    .regex(/^[0-9+()\-. ]{7,20}$/, 'expected a phone number'),
});

export function familyRoutes(router: Router, state: GymState): void {
  crudRoutes(router, {
    base: '/api/families',
    label: 'family',
    rows: state.families,
    fields: FamilyFields,
    newId: () => nextId(state, 'families'),
    // New families get a portal login named after the guardian, like the seeded ones.
    build: (fields, id) => ({
      ...fields,
      id,
      username: `${fields.guardianFirst}.${fields.guardianLast}`.toLowerCase().replace(/\s+/g, ''),
      password: DEMO_PASSWORD,
      pin: String(1000 + id).slice(-4),
    }),
    canRead: (req, row) => requireFamilyAccess(req, row.id),
    canWrite: (req, row) => requireFamilyAccess(req, row.id),
    canDelete: (req) => requireStaff(req),
    canCreate: (req) => requireStaff(req),
    visible: (req, rows) => visibleRows(req, rows, (f) => f.id),
    show: publicFamily,
    page: (row) => `/families/${row.id}`,
  });
}
