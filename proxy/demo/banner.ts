import { existsSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { GYM_NAME } from './portal/seed-data.ts';
import { formatSteps } from './traffic.ts';
import type { RunningDemo } from './start-demo.ts';

/** Demo sign-ins to suggest on each portal face. */
const TRY: Record<string, string> = {
  'Office Portal': 'staff: admin / password (also front.desk, support)',
  'Staff Portal': 'coach: coach.kim / password',
  'Customer Portal': 'family: jane.smith / password (also maria.garcia)',
};

/** The admin token: printed once by the admin API on the first start, and left in the data folder. */
function adminToken(dataDir: string, initialToken: string | null | undefined): string {
  if (initialToken) return initialToken;
  const file = join(dataDir, 'initial-admin-token');
  if (existsSync(file)) return readFileSync(file, 'utf8').trim();
  return '(no initial token left: make one with node bin/portal-audit.mjs token create --name you --role admin)';
}

/** What a new user needs to start playing: where to click, how to sign in, where the log is. */
export function demoBanner(demo: RunningDemo, portOffset: number): string {
  const near = relative(process.cwd(), demo.config.dataDir) || '.';
  const dataDir = near.startsWith('..') ? demo.config.dataDir : near;
  const lines = [`${GYM_NAME} demo, with Portal Audit in front of it`, ''];
  for (const p of demo.audit.portals) lines.push(`  ${p.source.padEnd(16)} ${p.url.padEnd(24)} ${TRY[p.source] ?? ''}`);
  lines.push('  Mobile App, Check-In and Time Clock Kiosk: recognised by user agent (GymApp) and path (/kiosk/…) on any of these', `  (the portal itself, unaudited: ${demo.portal.url})`, '');
  const { admin } = demo.audit;
  lines.push(
    `Admin API      ${admin.url}`,
    `Admin token    ${adminToken(demo.config.dataDir, admin.initialToken)}`,
    "               (paste both into the browser extension's options)",
    ...(demo.audit.publicKey ? [`Log key        fingerprint ${demo.audit.publicKey.fingerprint} (pin it on the options page)`] : []),
    'Extension      load dist/chrome in Chromium (chrome://extensions, Developer mode, Load unpacked)',
    '               or dist/firefox in Firefox (about:debugging, This Firefox, Load Temporary Add-on)',
    `Audit log      ${dataDir}`,
    `Watch it       node bin/portal-audit.mjs tail --data-dir ${dataDir}`,
    `More traffic   npm run demo:traffic${portOffset ? ` -- --port-offset ${portOffset}` : ''}`,
  );
  if (demo.traffic) {
    const sources = new Set(demo.traffic.map((s) => s.source)).size;
    lines.push('', `The log was empty, so the demo played ${demo.traffic.length} actions from ${sources} sources through the proxy.`);
    const surprises = demo.traffic.filter((s) => s.status !== s.expected);
    if (surprises.length) lines.push('These did not go as expected:', formatSteps(surprises));
  }
  lines.push('', 'Press Ctrl+C to stop.');
  return lines.join('\n');
}
