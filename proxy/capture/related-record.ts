import type { RecordRule } from '../config/schema.ts';
import { createRuleMatcher } from './route-match.ts';

export interface RelatedRecord {
  type: string;
  id: string;
}

/**
 * Which record a `nameFrom` path names, by the record rules: "/api/students/7" is student 7 when a
 * rule has the path /api/students/:id and the type student. The id is the rule's only :param (or
 * its :id); a rule matching no path, or with several params and no :id, names no record.
 */
export function createRelatedRecords(rules: readonly RecordRule[]) {
  // Whatever the rule's method: the path is fetched with a GET, while the rules describe changes to it.
  const match = createRuleMatcher({ rules: [...rules], defaultMethods: (method) => method === 'GET' });
  const anyMethod = (path: string) => {
    for (const rule of rules) {
      const found = match(rule.method ?? 'GET', path, (r) => r === rule);
      if (found) return found;
    }
    return null;
  };

  function recordAt(path: string): RelatedRecord | null {
    const found = anyMethod(path.replace(/\?.*$/s, ''));
    if (!found) return null;
    const values = Object.values(found.params);
    const id = found.params.id ?? (values.length === 1 ? values[0] : undefined);
    return id === undefined ? null : { type: found.rule.type, id };
  }

  return {
    recordAt,
    /** Types whose records `nameFrom` names after a record of `type` (student → enrollment, attendance). */
    typesRelatedTo(type: string): string[] {
      const out = new Set<string>();
      for (const rule of rules) {
        if (!rule.nameFrom) continue;
        const shape = rule.nameFrom.get.replace(/\{[^}]*\}/g, 'x');
        if (recordAt(shape)?.type === type) out.add(rule.type);
      }
      return [...out];
    },
  };
}
