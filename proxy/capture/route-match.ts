import { safeDecode } from '../../shared/template.ts';
import { isMutating, type RecordRule } from '../config/schema.ts';
import type { RuleMatch } from './flow.ts';
import { compilePathPattern, type PathCase } from './path-normalise.ts';

export interface RuleMatcherOptions {
  /** Rules in config order; the first that matches wins. */
  rules: RecordRule[];
  /** Which methods a rule without `method` stands for. Default: the mutating ones (isMutating). */
  defaultMethods?: (method: string) => boolean;
  /** Config `pathCase`. Default 'insensitive'. */
  pathCase?: PathCase;
}

/** The methods a `recordReads` rule without `method` stands for. */
export const isReadRuleMethod = (method: string) => method === 'GET' || method === 'HEAD';

/** Finds the first rule for a method and a normalised path (see parseTarget) that `accept` takes, with its :params decoded. */
export function createRuleMatcher({ rules, defaultMethods = isMutating, pathCase }: RuleMatcherOptions) {
  const compiled = rules.map((rule) => ({ rule, match: compilePathPattern(rule.path, { pathCase }) }));
  return function matchRule(method: string, path: string | null, accept: (rule: RecordRule) => boolean = () => true): RuleMatch | null {
    for (const { rule, match } of compiled) {
      const methodOk = rule.method ? rule.method === method : defaultMethods(method);
      if (!methodOk || !accept(rule)) continue;
      const groups = match(path);
      if (!groups) continue;
      const params: Record<string, string> = {};
      for (const [key, value] of Object.entries(groups)) params[key] = safeDecode(value);
      return { rule, params };
    }
    return null;
  };
}
