import { renderTemplate } from '../../../shared/template.ts';
import type { RecordRule } from '../../config/schema.ts';
import type { CaptureStep, Flow } from '../flow.ts';
import { createRelatedRecords } from '../related-record.ts';
import { templateScope } from '../scope.ts';

export interface NameFromStepOptions {
  /** How long a looked-up name is reused, in ms. Default 30 000: bursts of payments for one family cost one GET. */
  ttlMs?: number;
  /** Names kept at most; the oldest is dropped first. Default 1000. */
  maxEntries?: number;
  /** The record rules, to tell which record a `nameFrom` path is (its type and id). Default none. */
  records?: readonly RecordRule[];
}

/**
 * Names a record through a relation (`nameFrom`): a payment is named by its family's guardian, an
 * enrollment by its student. Tried before forwarding (the related record may be gone afterwards) and
 * again after, when the template needs the response. The record also keeps a reference to the
 * related record (type and id), so that the student's history lists the enrollment.
 */
export function nameFromStep({ ttlMs = 30_000, maxEntries = 1000, records = [] }: NameFromStepOptions = {}): CaptureStep {
  const related = createRelatedRecords(records);
  const cache = new Map<string, { name: string | null; until: number }>();

  async function lookup(path: string, template: string, flow: Flow): Promise<string | null> {
    const key = `${flow.ctx.portal.target} ${path} ${template}`;
    const hit = cache.get(key);
    if (hit && hit.until > Date.now()) return hit.name;
    const found = await flow.ctx.fetchUpstream(path, flow, 'nameFrom');
    const ok = found && found.status >= 200 && found.status < 300;
    const name = ok ? renderTemplate(template, found.body)?.trim() || null : null;
    // Only answers are cached: a portal hiccup must not hide the name for the next request.
    if (found) {
      cache.delete(key);
      cache.set(key, { name, until: Date.now() + ttlMs });
      const oldest = cache.keys().next();
      if (cache.size > maxEntries && !oldest.done) cache.delete(oldest.value);
    }
    return name;
  }

  async function name(flow: Flow): Promise<void> {
    const nameFrom = flow.match?.rule.nameFrom;
    const record = flow.records[0];
    if (!nameFrom || !record || (record.name && record.related)) return;
    const path = renderTemplate(nameFrom.get, templateScope(flow), { encode: encodeURIComponent });
    if (!path) return;
    const of = related.recordAt(path);
    if (of && !record.related) record.related = [of];
    if (!record.name) record.name = await lookup(path, nameFrom.name, flow);
  }

  return { name: 'name-from', request: name, response: name };
}
