import type { CaptureStep } from '../flow.ts';

const CHANGING = new Set(['PUT', 'PATCH', 'DELETE']);

/**
 * Adds `before`: the record as the portal shows it just before an update or delete, fetched with the
 * acting client's own credentials. Rules opt out with `snapshot: false`, and opt in with `snapshot: true`
 * for the POSTs that HTML edit forms send to a record's own path.
 */
export function snapshotStep(): CaptureStep {
  return {
    name: 'snapshot',
    async request(flow) {
      const rule = flow.match?.rule;
      if (!rule || rule.snapshot === false) return;
      if (rule.snapshot !== true && !CHANGING.has(flow.request.method)) return;
      const found = await flow.ctx.fetchUpstream(flow.request.path, flow);
      if (found && found.status >= 200 && found.status < 300 && found.body && typeof found.body === 'object' && !Array.isArray(found.body)) {
        flow.before = found.body;
      }
    },
  };
}
