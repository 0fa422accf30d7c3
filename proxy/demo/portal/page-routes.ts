import type { ServerResponse } from 'node:http';
import { idParam, redirect, sendHtml, type DemoRequest, type Router } from './http.ts';
import { familyPage, homePage, loginPage, studentPage } from './pages.ts';
import type { GymState } from './state.ts';
import { seesFamily, visibleRecord, type Principal } from './auth.ts';

/** Pages send a signed-out browser to the login form rather than answering 401. */
function page(render: (req: DemoRequest, user: Principal) => string) {
  return (req: DemoRequest, res: ServerResponse) => (req.user ? sendHtml(res, 200, render(req, req.user)) : redirect(res, '/login'));
}

export function pageRoutes(router: Router, state: GymState): void {
  router.on('GET', '/login', (_req, res) => sendHtml(res, 200, loginPage()));

  router.on(
    'GET',
    '/',
    page((_req, user) => {
      const students = [...state.students.values()].filter((s) => seesFamily(user, s.familyId));
      const families = [...state.families.values()].filter((f) => seesFamily(user, f.id));
      return homePage(user, students, families);
    }),
  );

  router.on(
    'GET',
    '/students/:id',
    page((req, user) => {
      const s = visibleRecord(user, state.students.get(idParam(req)), (row) => row.familyId, `no student ${req.params.id}`);
      const classIds = [...state.enrollments.values()].filter((e) => e.studentId === s.id).map((e) => e.classId);
      return studentPage(
        user,
        s,
        state.families.get(s.familyId),
        classIds.flatMap((id) => state.classes.get(id) ?? []),
      );
    }),
  );

  router.on(
    'GET',
    '/families/:id',
    page((req, user) => {
      const f = visibleRecord(user, state.families.get(idParam(req)), (row) => row.id, `no family ${req.params.id}`);
      return familyPage(
        user,
        f,
        [...state.students.values()].filter((s) => s.familyId === f.id),
      );
    }),
  );
}
