import { z } from 'zod';
import { requireStaff } from './auth.ts';
import { parseBody, sendJson, type Router } from './http.ts';
import { nextId, type GymState } from './state.ts';

const PunchFields = z.object({ type: z.enum(['in', 'out']) });

/** The staff time clock: a staff member signs in at the kiosk with username and PIN and punches in or out. */
export function timeclockRoutes(router: Router, state: GymState): void {
  router.on('POST', '/kiosk/timeclock/punch', (req, res) => {
    const user = requireStaff(req);
    const { type } = parseBody(PunchFields, req.body);
    const punch = { id: nextId(state, 'punches'), username: user.username, type, at: new Date().toISOString() };
    state.punches.set(punch.id, punch);
    sendJson(res, 201, { ...punch, staffName: user.name });
  });

  router.on('GET', '/kiosk/timeclock/punches', (req, res) => {
    requireStaff(req);
    sendJson(res, 200, [...state.punches.values()]);
  });
}
