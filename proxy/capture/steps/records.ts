import type { RecordRule } from '../../config/schema.ts';
import { renderTemplate } from '../../../shared/template.ts';
import type { CaptureStep, Flow } from '../flow.ts';
import { flowVerb, templateScope } from '../scope.ts';

function idValue(value: unknown): string | null {
  return typeof value === 'string' || typeof value === 'number' ? String(value) : null;
}

/** The record's id: the rule's template, else :id, else (for a create) the id the portal answered with. */
function recordId(flow: Flow, rule: RecordRule, op: string): string | null {
  const scope = templateScope(flow);
  if (rule.id) return renderTemplate(rule.id, scope);
  const params = flow.match?.params ?? {};
  if (params.id) return params.id;
  if (op === 'create' || flow.request.method === 'POST') {
    const fromResponse = idValue((scope.response as Record<string, unknown>).id);
    if (fromResponse) return fromResponse;
  }
  return Object.values(params).at(-1) ?? null;
}

/**
 * Adds the affected record of the rule the route step matched (type, id, name, link, op). It runs
 * before forwarding, after the snapshot, so the intent names the record, and again after the
 * response, which can supply a new record's id.
 */
export function recordsStep(): CaptureStep {
  function build(flow: Flow): void {
    if (!flow.match) return;
    const { rule } = flow.match;
    const op = flowVerb(flow);
    const scope = templateScope(flow);
    const previous = flow.records[0];
    flow.records = [
      {
        type: rule.type,
        id: recordId(flow, rule, op),
        // A name found through nameFrom is kept when the rule's own template has nothing to offer.
        name: (rule.name ? renderTemplate(rule.name, scope)?.trim() || null : null) ?? previous?.name ?? null,
        op,
        link: rule.link ? renderTemplate(rule.link, scope, { encode: encodeURIComponent }) : null,
        changes: previous?.changes ?? [],
      },
    ];
  }

  return { name: 'records', request: build, response: build };
}
