import { z } from 'zod';
import { requireFamilyAccess, requireStaff, visibleRows } from './auth.ts';
import { HttpError } from '../../http/http-error.ts';
import { idParam, parseBody, sendJson, type Router } from './http.ts';
import { nextId, type GymState } from './state.ts';

const EnrollmentFields = z.object({
  studentId: z.coerce.number().int().positive(),
  classId: z.coerce.number().int().positive(),
});

/** Checks that the ids in a body name real rows, answering 400 with the field like the rest of the API. */
export function studentAndClass(state: GymState, body: unknown) {
  const fields = parseBody(EnrollmentFields, body);
  const student = state.students.get(fields.studentId);
  if (!student) throw new HttpError(400, `studentId: no student ${fields.studentId}`, 'studentId');
  const gymClass = state.classes.get(fields.classId);
  if (!gymClass) throw new HttpError(400, `classId: no class ${fields.classId}`, 'classId');
  return { student, gymClass };
}

export function enrollmentRoutes(router: Router, state: GymState): void {
  router.on('GET', '/api/enrollments', (req, res) => {
    sendJson(
      res,
      200,
      visibleRows(req, state.enrollments.values(), (e) => state.students.get(e.studentId)?.familyId),
    );
  });

  router.on('POST', '/api/enrollments', (req, res) => {
    requireStaff(req);
    const { student, gymClass } = studentAndClass(state, req.body);
    const taken = [...state.enrollments.values()].filter((e) => e.classId === gymClass.id).length;
    if (taken >= gymClass.capacity) throw new HttpError(409, `${gymClass.name} is full`);
    const enrollment = { id: nextId(state, 'enrollments'), studentId: student.id, classId: gymClass.id, enrolledAt: new Date().toISOString() };
    state.enrollments.set(enrollment.id, enrollment);
    sendJson(res, 201, enrollment);
  });

  router.on('GET', '/api/enrollments/:id', (req, res) => {
    const enrollment = state.enrollments.get(idParam(req));
    if (!enrollment) throw new HttpError(404, `no enrollment ${req.params.id}`);
    requireFamilyAccess(req, state.students.get(enrollment.studentId)?.familyId ?? -1);
    sendJson(res, 200, enrollment);
  });

  router.on('DELETE', '/api/enrollments/:id', (req, res) => {
    requireStaff(req);
    const id = idParam(req);
    if (!state.enrollments.delete(id)) throw new HttpError(404, `no enrollment ${id}`);
    sendJson(res, 200, { deleted: true, id });
  });
}
