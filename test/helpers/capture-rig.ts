import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Entry } from '../../shared/entry.ts';
import { startPortalAudit, type PortalAudit } from '../../proxy/app.ts';
import { parseConfig } from '../../proxy/config/load.ts';
import type { Config, ConfigInput } from '../../proxy/config/schema.ts';
import { startFakePortal } from './fake-portal.ts';
import { sendRaw, type RawAnswer, type RawSendOptions } from './raw-client.ts';

export type { RawAnswer as Answer, RawSendOptions as SendOptions } from './raw-client.ts';

/** One request with node:http, so the test chooses the client's address and sees raw bytes. */
export function send(url: string, options: RawSendOptions = {}): Promise<RawAnswer> {
  const { origin, pathname, search } = new URL(url);
  return sendRaw(origin, pathname + search, options);
}

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
  const dataDir = await mkdtemp(join(tmpdir(), 'portal-audit-capture-'));
  const config: Config = parseConfig({
    dataDir,
    portals: [{ listen: '127.0.0.1:0', target: portal.url, source: 'Office Portal' }],
    // startPortalAudit also starts the admin API: never on the fixed default port in tests.
    admin: { listen: '127.0.0.1:0' },
    actors: { login: { path: '/login', logoutPath: '/logout' }, directory: { 'pat.admin': { name: 'Pat Admin', kind: 'staff' } } },
    records: FAKE_PORTAL_RULES,
    ...(typeof overrides === 'function' ? overrides(portal.url) : overrides),
  });
  let audit: PortalAudit = await startPortalAudit({ config });
  const rig = {
    portal,
    dataDir,
    config,
    get url() {
      return audit.portals[0]!.url;
    },
    /** The admin API's URL and the admin token made on the first start. */
    get admin() {
      return audit.admin;
    },
    send: (path: string, options?: RawSendOptions) => send(`${rig.url}${path}`, options),
    async entries(): Promise<Entry[]> {
      const out: Entry[] = [];
      for await (const entry of audit.store.readSeq(1)) out.push(entry);
      return out;
    },
    async lastEntry(): Promise<Entry> {
      const all = await rig.entries();
      if (all.length === 0) throw new Error('no entry was logged');
      return all.at(-1)!;
    },
    /** Stops the proxy and starts it again on the same data dir (a new port). */
    async restart() {
      await audit.close();
      audit = await startPortalAudit({ config });
    },
    async close() {
      await audit.close();
      await portal.close();
    },
  };
  return rig;
}
export type CaptureRig = Awaited<ReturnType<typeof startCaptureRig>>;
