import type { RecordRule } from '../../config/schema.ts';
import type { CaptureStep } from '../flow.ts';
import type { PathCase } from '../path-normalise.ts';
import { createRuleMatcher, isReadRuleMethod, type RuleMatcher } from '../route-match.ts';
import { compileConditions } from '../rule-conditions.ts';

export interface RouteStepOptions {
  /** Rules for mutating requests, first match wins; a rule without method matches every mutating method. Default: none. */
  records?: RecordRule[];
  /** Rules for GETs that are logged as access. Default: none. */
  recordReads?: RecordRule[];
  /** Config `pathCase`. Default 'insensitive'. */
  pathCase?: PathCase;
  /** The `recordReads` matcher, shared with the recording policy that decides such a read is logged. Default: compiled from `recordReads`. */
  matchRead?: RuleMatcher;
}

/**
 * Adds `match`: the record rule the request falls under (path, method and `when` conditions), with its path params. It runs before the
 * snapshot and the records step, so the record can be named from what it was before the change
 * already in the intent written before forwarding.
 */
export function routeStep({
  records = [],
  recordReads = [],
  pathCase,
  matchRead = createRuleMatcher({ rules: recordReads, defaultMethods: isReadRuleMethod, pathCase }),
}: RouteStepOptions = {}): CaptureStep {
  const matchWrite = createRuleMatcher({ rules: records, pathCase });
  const conditions = new Map([...records, ...recordReads].filter((rule) => rule.when).map((rule) => [rule, compileConditions(rule.when)]));
  return {
    name: 'route',
    request(flow) {
      // Logins and logouts affect no record.
      if (flow.draft.verb === 'login' || flow.draft.verb === 'logout') return;
      const { method, path, altPath, query, body } = flow.request;
      // A rule with `when` matches only requests whose body and query meet its conditions; the next rule is tried otherwise.
      const accept = (rule: RecordRule) => conditions.get(rule)?.({ body: body.value, query }) ?? true;
      const match = (at: string) => matchWrite(method, at, accept) ?? matchRead(method, at, accept);
      // A path with an encoded slash names a record under either reading, whichever the portal uses.
      flow.match = match(path) ?? (altPath ? match(altPath) : null) ?? undefined;
    },
  };
}
