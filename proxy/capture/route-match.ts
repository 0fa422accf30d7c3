import { compilePathPattern } from '../../shared/path-pattern.ts';
import { isMutating, type RecordRule } from '../config/schema.ts';
import type { RuleMatch } from './flow.ts';
import { normalisePattern, type PathCase } from './path-normalise.ts';

export interface RulePathOptions {
  /** Config `pathCase`. Default 'insensitive'. */
  pathCase?: PathCase;
  /** Match paths that start with the pattern's segments (sources' `pathPrefix`) instead of the whole path. Default false. */
  prefix?: boolean;
}

/**
 * Compiles a config path (a rule's, a login's, a source's prefix) into a matcher over normalised paths
 * (see parseTarget) that returns its :params decoded, or null; a path that could not be read (null)
 * matches nothing. Every rule, login, logout and source path check goes through here, so they all
 * agree on what a path means.
 */
export function compileRulePath(pattern: string, { pathCase = 'insensitive', prefix = false }: RulePathOptions = {}) {
  const matchPath = compilePathPattern(normalisePattern(pattern), { caseSensitive: pathCase === 'sensitive', prefix });
  return (path: string | null): Record<string, string> | null => (path === null ? null : matchPath(path));
}

export interface RuleMatcherOptions<R extends RecordRule> {
  /** Rules in config order; the first that matches wins. */
  rules: R[];
  /** Which methods a rule without `method` stands for. Default: the mutating ones (isMutating). */
  defaultMethods?: (method: string) => boolean;
  /** Config `pathCase`. Default 'insensitive'. */
  pathCase?: PathCase;
}

/** The methods a `recordReads` rule without `method` stands for. */
export const isReadRuleMethod = (method: string) => method === 'GET' || method === 'HEAD';

/** Finds the first rule for a method and a normalised path (see parseTarget) that `accept` takes, with its :params decoded. */
export function createRuleMatcher<R extends RecordRule>({ rules, defaultMethods = isMutating, pathCase }: RuleMatcherOptions<R>) {
  const compiled = rules.map((rule) => ({ rule, match: compileRulePath(rule.path, { pathCase }) }));
  return function matchRule(method: string, path: string | null, accept: (rule: R) => boolean = () => true): (RuleMatch & { rule: R }) | null {
    for (const { rule, match } of compiled) {
      const methodOk = rule.method ? rule.method === method : defaultMethods(method);
      if (!methodOk || !accept(rule)) continue;
      const params = match(path);
      if (params) return { rule, params };
    }
    return null;
  };
}
export type RuleMatcher<R extends RecordRule = RecordRule> = ReturnType<typeof createRuleMatcher<R>>;
