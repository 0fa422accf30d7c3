import { renderTemplate } from '../../../shared/template.ts';
import type { CaptureStep } from '../flow.ts';
import { templateScope } from '../scope.ts';

const CHANGING = new Set(['PUT', 'PATCH', 'DELETE']);

/**
 * Adds `before`: the record as the portal shows it just before an update or delete, fetched with the
 * acting client's own headers. Rules opt out with `snapshot: false`, opt in with `snapshot: true` for the
 * POSTs that HTML edit forms send to a record's own path, and name another path with `snapshot: { get }`
 * (a deploy `POST /flows` whose record is `GET /flows`). A record may be an object or an array.
 */
export function snapshotStep(): CaptureStep {
  return {
    name: 'snapshot',
    async request(flow) {
      const rule = flow.match?.rule;
      if (!rule || rule.snapshot === false) return;
      const named = typeof rule.snapshot === 'object' ? rule.snapshot.get : null;
      if (!named && rule.snapshot !== true && !CHANGING.has(flow.request.method)) return;
      // Filled-in values are encoded, so a body or path value cannot steer the lookup to another path.
      const path = named ? renderTemplate(named, templateScope(flow), { encode: encodeURIComponent }) : flow.request.path;
      if (!path) return;
      const found = await flow.ctx.fetchUpstream(path, flow, 'snapshot');
      if (found && found.status >= 200 && found.status < 300 && found.body && typeof found.body === 'object') {
        flow.before = found.body;
      }
    },
  };
}
