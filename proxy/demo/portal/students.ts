import { z } from 'zod';
import { requireFamilyAccess, requireStaff, visibleRows } from './auth.ts';
import { crudRoutes } from './crud.ts';
import { type Router } from './http.ts';
import { nextId, requireFamily, type GymState } from './state.ts';

const StudentFields = z.object({
  firstName: z.string().trim().min(1),
  lastName: z.string().trim().min(1),
  birthDate: z.iso.date(),
  level: z.string().trim().min(1),
  status: z.enum(['active', 'inactive', 'waitlist']).default('active'),
  familyId: z.coerce.number().int().positive(),
  medicalNotes: z.string().default(''),
});

export function studentRoutes(router: Router, state: GymState): void {
  crudRoutes(router, {
    base: '/api/students',
    label: 'student',
    rows: state.students,
    fields: StudentFields,
    newId: () => nextId(state, 'students'),
    canRead: (req, row) => requireFamilyAccess(req, row.familyId),
    // Families see their children's records but the office keeps them.
    canWrite: (req) => requireStaff(req),
    canDelete: (req) => requireStaff(req),
    canCreate: (req, fields) => {
      requireStaff(req);
      requireFamily(state, fields.familyId);
    },
    visible: (req, rows) => visibleRows(req, rows, (s) => s.familyId),
    show: (row) => row,
    page: (row) => `/students/${row.id}`,
  });
}
