import type { ServerResponse } from 'node:http';
import { HttpError } from '../../http/http-error.ts';
import { idParam, redirect, sendHtml, type DemoRequest, type Router } from './http.ts';
import { familyPage, homePage, loginPage, studentPage } from './pages.ts';
import type { GymState } from './state.ts';
import type { Principal } from './auth.ts';

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
      const students = [...state.students.values()].filter((s) => user.kind !== 'family' || s.familyId === user.familyId);
      const families = [...state.families.values()].filter((f) => user.kind !== 'family' || f.id === user.familyId);
      return homePage(user, students, families);
    }),
  );

  router.on(
    'GET',
    '/students/:id',
    page((req, user) => {
      const s = state.students.get(idParam(req));
      if (!s || (user.kind === 'family' && s.familyId !== user.familyId)) throw new HttpError(404, `no student ${req.params.id}`);
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
      const f = state.families.get(idParam(req));
      if (!f || (user.kind === 'family' && f.id !== user.familyId)) throw new HttpError(404, `no family ${req.params.id}`);
      return familyPage(
        user,
        f,
        [...state.students.values()].filter((s) => s.familyId === f.id),
      );
    }),
  );
}
