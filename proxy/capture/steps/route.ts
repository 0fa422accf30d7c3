import type { RecordRule } from '../../config/schema.ts';
import type { CaptureStep } from '../flow.ts';
import type { PathCase } from '../path-normalise.ts';
import { createRuleMatcher, isReadRuleMethod } from '../route-match.ts';

export interface RouteStepOptions {
  /** Rules for mutating requests, first match wins; a rule without method matches every mutating method. Default: none. */
  records?: RecordRule[];
  /** Rules for GETs that are logged as access. Default: none. */
  recordReads?: RecordRule[];
  /** Config `pathCase`. Default 'insensitive'. */
  pathCase?: PathCase;
}

/**
 * Adds `match`: the record rule the request falls under, with its path params. It runs before the
 * snapshot and the records step, so the record can be named from what it was before the change
 * already in the intent written before forwarding.
 */
export function routeStep({ records = [], recordReads = [], pathCase }: RouteStepOptions = {}): CaptureStep {
  const matchWrite = createRuleMatcher({ rules: records, pathCase });
  const matchRead = createRuleMatcher({ rules: recordReads, defaultMethods: isReadRuleMethod, pathCase });
  return {
    name: 'route',
    request(flow) {
      // Logins and logouts affect no record.
      if (flow.draft.verb === 'login' || flow.draft.verb === 'logout') return;
      const { method, path } = flow.request;
      flow.match = matchWrite(method, path) ?? matchRead(method, path) ?? undefined;
    },
  };
}
