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
