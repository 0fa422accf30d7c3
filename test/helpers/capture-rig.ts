import type { ConfigInput } from '../../proxy/config/schema.ts';
import { startAuditRig } from './audit-rig.ts';
import { startFakePortal } from './fake-portal.ts';

export { send } from './audit-rig.ts';
export type { RawAnswer as Answer, RawSendOptions as SendOptions } from './raw-client.ts';

export const jsonBody = (value: unknown) => ({ headers: { 'content-type': 'application/json' }, body: JSON.stringify(value) });

/** Record rules for the fake portal, as an operator would write them. */
export const FAKE_PORTAL_RULES: ConfigInput['records'] = [
  { method: 'POST', path: '/api/students', type: 'student', name: '{body.firstName} {body.lastName}', link: '/students/{response.id}' },
  { path: '/api/students/:id', type: 'student', name: '{before.firstName} {before.lastName}', link: '/students/{params.id}' },
  { method: 'POST', path: '/api/payments', type: 'payment', verb: 'payment', nameFrom: { get: '/api/families/{body.familyId}', name: '{guardianFirst} {guardianLast}' } },
];

/**
 * The fake portal, Portal Audit in front of it (real listeners, real JSON store in a fresh temp dir),
 * and helpers to talk through the proxy and read what was logged.
 */
export async function startCaptureRig(overrides: Partial<ConfigInput> | ((portalUrl: string) => Partial<ConfigInput>) = {}) {
  const portal = await startFakePortal();
  const rig = await startAuditRig(portal, {
    tempPrefix: 'portal-audit-capture-',
    config: {
      actors: { login: { path: '/login', logoutPath: '/logout' }, directory: { 'pat.admin': { name: 'Pat Admin', kind: 'staff' } } },
      records: FAKE_PORTAL_RULES,
      ...(typeof overrides === 'function' ? overrides(portal.url) : overrides),
    },
  });
  return Object.assign(rig, { portal });
}
export type CaptureRig = Awaited<ReturnType<typeof startCaptureRig>>;
