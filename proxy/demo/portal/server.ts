import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { closeServer, listenOn } from '../../server/listen-address.ts';
import { attendanceRoutes } from './attendance.ts';
import { authRoutes, GymAuth } from './auth.ts';
import { chargeRoutes } from './charges.ts';
import { classRoutes } from './classes.ts';
import { enrollmentRoutes } from './enrollments.ts';
import { familyRoutes } from './families.ts';
import { HttpError } from '../../http/http-error.ts';
import { readBody, Router, sendHtml, sendJson, type DemoRequest } from './http.ts';
import { pageRoutes } from './page-routes.ts';
import { errorPage } from './pages.ts';
import { paymentRoutes } from './payments.ts';
import { createGymState, type GymState } from './state.ts';
import { studentRoutes } from './students.ts';
import { timeclockRoutes } from './timeclock.ts';

export interface DemoPortal {
  url: string;
  state: GymState;
  close(): Promise<void>;
}

export function buildRouter(state: GymState, auth: GymAuth): Router {
  const router = new Router();
  authRoutes(router, auth);
  pageRoutes(router, state);
  studentRoutes(router, state);
  familyRoutes(router, state);
  classRoutes(router, state);
  enrollmentRoutes(router, state);
  attendanceRoutes(router, state);
  chargeRoutes(router, state);
  paymentRoutes(router, state);
  timeclockRoutes(router, state);
  return router;
}

async function handle(router: Router, auth: GymAuth, raw: IncomingMessage, res: ServerResponse): Promise<void> {
  const url = new URL(raw.url ?? '/', 'http://portal.invalid');
  const method = (raw.method ?? 'GET').toUpperCase();
  // Browsers get error pages; API clients and kiosks get JSON.
  const wantsHtml = !url.pathname.startsWith('/api/') && !url.pathname.startsWith('/kiosk/') && (raw.headers.accept ?? '').includes('text/html');
  try {
    const found = router.find(method, url.pathname);
    if (found === null) throw new HttpError(404, `no such page ${url.pathname}`);
    if (found === 'wrong-method') throw new HttpError(405, `${method} is not allowed on ${url.pathname}`);
    const { body, fromForm } = await readBody(raw);
    const req: DemoRequest = { raw, query: url.searchParams, params: found.params, body, fromForm, user: await auth.authenticate(raw) };
    await found.handler(req, res);
  } catch (err) {
    if (res.headersSent) return void res.destroy();
    const status = err instanceof HttpError ? err.status : 500;
    const message = err instanceof HttpError ? err.message : 'internal error';
    if (status === 500) console.error(err);
    if (wantsHtml) return sendHtml(res, status, errorPage(status, message));
    sendJson(res, status, { error: message, ...(err instanceof HttpError && err.param ? { field: err.param } : {}) });
  }
}

/** Starts the demo gym's portal; port 0 picks a free port (tests). */
export async function startDemoPortal({ host = '127.0.0.1', port = 3000 }: { host?: string; port?: number } = {}): Promise<DemoPortal> {
  const state = createGymState();
  const auth = new GymAuth(state);
  const router = buildRouter(state, auth);
  // handle answers every failure itself; one while answering (a socket gone) only ends the connection.
  const server: Server = createServer((req, res) => {
    handle(router, auth, req, res).catch(() => res.destroy());
  });
  const url = await listenOn(server, `${host.includes(':') ? `[${host}]` : host}:${port}`);
  return { url, state, close: () => closeServer(server) };
}
