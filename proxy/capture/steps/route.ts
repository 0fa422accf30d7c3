import type { RecordRule } from '../../config/schema.ts';
import type { CaptureStep } from '../flow.ts';
import { createRuleMatcher } from '../route-match.ts';
import { compileConditions } from '../rule-conditions.ts';

export interface RouteStepOptions {
  /** Rules for mutating requests, first match wins; a rule without method matches every mutating method. Default: none. */
  records?: RecordRule[];
  /** Rules for GETs that are logged as access. Default: none. */
  recordReads?: RecordRule[];
}

/**
 * Adds `match`: the record rule the request falls under (path, method and `when` conditions), with its path params. It runs before the
 * snapshot and the records step, so the record can be named from what it was before the change
 * already in the intent written before forwarding.
 */
export function routeStep({ records = [], recordReads = [] }: RouteStepOptions = {}): CaptureStep {
  const matchWrite = createRuleMatcher({ rules: records });
  const matchRead = createRuleMatcher({ rules: recordReads, defaultMethods: ['GET', 'HEAD'] });
  const conditions = new Map([...records, ...recordReads].filter((rule) => rule.when).map((rule) => [rule, compileConditions(rule.when)]));
  return {
    name: 'route',
    request(flow) {
      // Logins and logouts affect no record.
      if (flow.draft.verb === 'login' || flow.draft.verb === 'logout') return;
      const { method, path, query, body } = flow.request;
      // A rule with `when` matches only requests whose body and query meet its conditions; the next rule is tried otherwise.
      const accept = (rule: RecordRule) => conditions.get(rule)?.({ body: body.value, query }) ?? true;
      flow.match = matchWrite(method, path, accept) ?? matchRead(method, path, accept) ?? undefined;
    },
  };
}
