import { MUTATING_METHODS, type RecordRule } from '../config/schema.ts';
import type { RuleMatch } from './flow.ts';

function compilePath(pattern: string): RegExp {
  const source = pattern
    .replace(/\/+$/, '')
    .split('/')
    .map((segment) => (segment.startsWith(':') ? `(?<${segment.slice(1).replace(/\W/g, '_')}>[^/]+)` : segment.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')))
    .join('/');
  return new RegExp(`^${source}/?$`);
}

function decode(value: string): string {
  try {
    return decodeURIComponent(value);
  } catch {
    return value;
  }
}

export interface RuleMatcherOptions {
  /** Rules in config order; the first that matches wins. */
  rules: RecordRule[];
  /** Methods a rule without `method` stands for. Default: the mutating methods. */
  defaultMethods?: readonly string[];
}

/** Finds the first rule for a method and path (without query) that `accept` takes, with its :params decoded. */
export function createRuleMatcher({ rules, defaultMethods = MUTATING_METHODS }: RuleMatcherOptions) {
  const compiled = rules.map((rule) => ({ rule, regex: compilePath(rule.path) }));
  return function matchRule(method: string, path: string, accept: (rule: RecordRule) => boolean = () => true): RuleMatch | null {
    for (const { rule, regex } of compiled) {
      const methodOk = rule.method ? rule.method === method : defaultMethods.includes(method);
      if (!methodOk || !accept(rule)) continue;
      const m = regex.exec(path);
      if (!m) continue;
      const params: Record<string, string> = {};
      for (const [key, value] of Object.entries(m.groups ?? {})) params[key] = decode(value);
      return { rule, params };
    }
    return null;
  };
}
