import { isMutating } from '../config/schema.ts';
import type { Flow } from './flow.ts';

/** What record-rule templates can refer to: {params.x} {body.x} {response.x} {before.x} {query.x}. */
export function templateScope(flow: Flow) {
  return {
    params: flow.match?.params ?? {},
    body: flow.request.body.value ?? {},
    response: flow.response?.body.value ?? {},
    before: flow.before ?? {},
    query: flow.request.query,
  };
}

/** The verb a method stands for when the rule names none; another change (MERGE, LOCK …) is named by its method. */
export function methodVerb(method: string): string {
  if (method === 'POST') return 'create';
  if (method === 'PUT' || method === 'PATCH') return 'update';
  if (method === 'DELETE') return 'delete';
  return isMutating(method) ? method.toLowerCase() : 'read';
}

/**
 * The verb of a request that a rule matched, or of any mutation: the rule's own verb, else the answer's
 * (201 Created is a create, even for a PUT), else the method's.
 */
export function flowVerb(flow: Flow): string {
  const ruleVerb = flow.match?.rule.verb;
  if (ruleVerb) return ruleVerb;
  const byMethod = methodVerb(flow.request.method);
  return flow.response?.status === 201 && byMethod !== 'read' ? 'create' : byMethod;
}
