import { z } from 'zod';
import { requireStaff, requireUser } from './auth.ts';
import { crudRoutes } from './crud.ts';
import { HttpError } from '../../http/http-error.ts';
import { type Router } from './http.ts';
import { nextId, type GymState } from './state.ts';

const ClassFields = z.object({
  name: z.string().trim().min(1),
  level: z.string().trim().min(1),
  day: z.enum(['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday', 'Sunday']),
  startTime: z.string().regex(/^\d{2}:\d{2}$/, 'expected HH:MM'),
  coach: z.string().trim().min(1),
  capacity: z.coerce.number().int().positive(),
});

export function classRoutes(router: Router, state: GymState): void {
  const coachExists = (coach: string | undefined) => {
    if (coach !== undefined && !state.staff.some((s) => s.username === coach)) throw new HttpError(400, `coach: no staff member ${coach}`, 'coach');
  };
  crudRoutes(router, {
    base: '/api/classes',
    label: 'class',
    rows: state.classes,
    fields: ClassFields,
    newId: () => nextId(state, 'classes'),
    // The schedule is public to every signed-in user; only the office changes it.
    canRead: (req) => requireUser(req),
    canWrite: (req) => {
      requireStaff(req);
      coachExists((req.body as { coach?: string } | undefined)?.coach);
    },
    canDelete: (req) => requireStaff(req),
    canCreate: (req, fields) => {
      requireStaff(req);
      coachExists(fields.coach);
    },
    visible: (_req, rows) => rows,
    show: (row) => row,
  });
}
