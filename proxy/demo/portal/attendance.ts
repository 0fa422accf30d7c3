import { requireFamilyAccess, requireUser, visibleRows } from './auth.ts';
import { studentAndClass } from './enrollments.ts';
import { sendJson, type Router } from './http.ts';
import { nextId, type GymState } from './state.ts';

/** The lobby kiosk: a parent (or the front desk) checks a student in to today's class. */
export function attendanceRoutes(router: Router, state: GymState): void {
  router.on('POST', '/kiosk/checkin', (req, res) => {
    requireUser(req);
    const { student, gymClass } = studentAndClass(state, req.body);
    requireFamilyAccess(req, student.familyId);
    const checkIn = { id: nextId(state, 'attendance'), studentId: student.id, classId: gymClass.id, at: new Date().toISOString() };
    state.attendance.set(checkIn.id, checkIn);
    sendJson(res, 201, { ...checkIn, message: `${student.firstName} is checked in to ${gymClass.name}` });
  });

  router.on('GET', '/api/attendance', (req, res) => {
    sendJson(
      res,
      200,
      visibleRows(req, state.attendance.values(), (a) => state.students.get(a.studentId)?.familyId),
    );
  });
}
