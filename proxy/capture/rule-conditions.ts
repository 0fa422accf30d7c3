import type { RecordRule, RuleCondition } from '../config/schema.ts';
import { parseFieldPath } from '../../shared/template.ts';

/** Values a `*` may fan out to across one condition, so a body with a million keys costs a bounded walk. */
export const MAX_CONDITION_VALUES = 10_000;

/** What a condition can look at: the request body and query. */
export interface ConditionScope {
  body: unknown;
  query: Record<string, string>;
}

type Scalar = string | number | boolean;
const isScalar = (value: unknown): value is Scalar => typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean';

/** The values at a field path; `*` is any own key or element. Walks breadth-first within MAX_CONDITION_VALUES. */
function valuesAt(scope: ConditionScope, keys: readonly string[]): unknown[] {
  let level: unknown[] = [scope];
  for (const key of keys) {
    const next: unknown[] = [];
    for (const value of level) {
      if (value === null || typeof value !== 'object') continue;
      const children = key === '*' ? Object.keys(value) : Object.hasOwn(value, key) ? [key] : [];
      for (const child of children) {
        if (next.length >= MAX_CONDITION_VALUES) break;
        next.push((value as Record<string, unknown>)[child]);
      }
    }
    level = next;
  }
  return level;
}

function holds(condition: RuleCondition, pattern: RegExp | null, value: unknown): boolean {
  if (condition.present !== undefined && (value !== undefined && value !== null) !== condition.present) return false;
  if (condition.equals !== undefined) {
    const same = condition.equals === null ? value === null : isScalar(value) && String(value) === String(condition.equals);
    if (!same) return false;
  }
  if (pattern && !(isScalar(value) && pattern.test(String(value)))) return false;
  return true;
}

/**
 * Turns a rule's `when` into a test over the request: every field's condition must hold for at least one
 * value found there (with `*`, any key). `present: false` holds when no value is found. Query values are
 * text, so `equals` compares as text: `{ equals: 1 }` matches `?page=1`.
 */
export function compileConditions(when: RecordRule['when']): (scope: ConditionScope) => boolean {
  const checks = Object.entries(when ?? {}).map(([field, condition]) => ({
    keys: parseFieldPath(field) ?? [],
    condition,
    pattern: condition.matches === undefined ? null : new RegExp(condition.matches),
  }));
  return (scope) =>
    checks.every(({ keys, condition, pattern }) => {
      const values = valuesAt(scope, keys);
      if (condition.present === false && condition.equals === undefined && !pattern) return values.every((v) => v === undefined || v === null);
      return values.some((value) => holds(condition, pattern, value));
    });
}
