import type { FieldChange } from '../../shared/entry.ts';

export interface FieldDiffOptions {
  /** Fields that name an array element, the first that every element has (unique) wins. Default id, _id, key. */
  elementKeys?: readonly string[];
  /** Levels of objects and arrays compared field by field; deeper values are compared whole. Default 8. */
  maxDepth?: number;
  /** Changes listed at most; a last change says that more were left out. Default 200. */
  maxChanges?: number;
  /** Values visited at most (comparisons included); a last change says where the diff stopped. Default 100 000. */
  maxValues?: number;
}

export const DEFAULT_ELEMENT_KEYS = ['id', '_id', 'key'] as const;

/** The field of the note that ends a cut-off list of changes. */
export const MORE_CHANGES_FIELD = '…';

type Fields = Record<string, unknown>;
const isFields = (value: unknown): value is Fields => value !== null && typeof value === 'object' && !Array.isArray(value);
const isKey = (value: unknown): value is string | number => typeof value === 'string' || (typeof value === 'number' && Number.isFinite(value));

/** `name` when it reads as a plain name, else `["it.has dots"]`, as templates address it. */
function keyPath(path: string, key: string): string {
  if (/^[A-Za-z_$][\w$-]*$/.test(key)) return path ? `${path}.${key}` : key;
  return `${path}[${JSON.stringify(key)}]`;
}

/** `[id=3]`, `[_id="a b"]`: an element by its key; `[2]` by position when its elements have none. */
function elementPath(path: string, keyField: string | null, value: string | number): string {
  if (keyField === null) return `${path}[${value}]`;
  const text = typeof value === 'string' && !/^[\w.-]+$/.test(value) ? JSON.stringify(value) : String(value);
  return `${path}[${keyField}=${text}]`;
}

class Budget extends Error {}

/**
 * Field-level changes between two versions of a record, element by element for arrays of objects:
 * `contacts[id=3].phone` for a changed field of an element, `contacts[id=4]` for an element added
 * (before null) or removed (after null), `versions["1.0.0"].deprecated` for keys that hold dots. Arrays of
 * plain values are compared whole. Every walk is bounded by depth, changes and values visited.
 */
export function createFieldDiff({ elementKeys = DEFAULT_ELEMENT_KEYS, maxDepth = 8, maxChanges = 200, maxValues = 100_000 }: FieldDiffOptions = {}) {
  return function diff(before: unknown, after: unknown, { onlyAfterKeys = false }: { onlyAfterKeys?: boolean } = {}): FieldChange[] {
    const changes: FieldChange[] = [];
    let visited = 0;
    let stopped: string | null = null;

    const push = (field: string, from: unknown, to: unknown) => {
      if (changes.length >= maxChanges) {
        stopped = `more changes not listed (at most ${maxChanges})`;
        throw new Budget();
      }
      changes.push({ field: field || '(record)', before: from ?? null, after: to ?? null });
    };
    const visit = () => {
      if (++visited > maxValues) {
        stopped = `the rest was not compared (at most ${maxValues} values)`;
        throw new Budget();
      }
    };

    /** Deep equality without recursion, counted against the value budget; missing and null are the same. */
    function same(a: unknown, b: unknown): boolean {
      const stack: Array<[unknown, unknown]> = [[a, b]];
      for (let pair = stack.pop(); pair; pair = stack.pop()) {
        const [x, y] = pair;
        visit();
        if ((x ?? null) === (y ?? null)) continue;
        if (x === null || y === null || typeof x !== 'object' || typeof y !== 'object' || Array.isArray(x) !== Array.isArray(y)) return false;
        const xk = Object.keys(x);
        const yk = Object.keys(y);
        if (xk.length !== yk.length) return false;
        for (const k of xk) {
          if (!Object.hasOwn(y, k)) return false;
          stack.push([(x as Fields)[k], (y as Fields)[k]]);
        }
      }
      return true;
    }

    /** The element key field every object element of both arrays has, unique within each, or null. */
    function keyFieldOf(a: unknown[], b: unknown[]): string | null {
      for (const field of elementKeys) {
        const ok = [a, b].every((list) => {
          const seen = new Set<unknown>();
          return list.every((el) => {
            visit();
            const value = isFields(el) && Object.hasOwn(el, field) ? el[field] : undefined;
            if (!isKey(value) || seen.has(value)) return false;
            seen.add(value);
            return true;
          });
        });
        if (ok) return field;
      }
      return null;
    }

    function compare(a: unknown, b: unknown, path: string, depth: number): void {
      visit();
      if (depth < maxDepth && isFields(a) && isFields(b)) return compareFields(a, b, path, depth, false);
      if (depth < maxDepth && Array.isArray(a) && Array.isArray(b) && a.every(isFields) && b.every(isFields)) return compareElements(a, b, path, depth);
      if (!same(a, b)) push(path, a, b);
    }

    function compareFields(a: Fields, b: Fields, path: string, depth: number, onlyB: boolean): void {
      const keys = onlyB ? Object.keys(b) : [...new Set([...Object.keys(a), ...Object.keys(b)])];
      for (const key of keys) compare(Object.hasOwn(a, key) ? a[key] : undefined, Object.hasOwn(b, key) ? b[key] : undefined, keyPath(path, key), depth + 1);
    }

    function compareElements(a: unknown[], b: unknown[], path: string, depth: number): void {
      const keyField = keyFieldOf(a, b);
      const keyOf = (el: unknown, index: number) => (keyField === null ? index : ((el as Fields)[keyField] as string | number));
      const after = new Map<string | number, unknown>(b.map((el, i) => [keyOf(el, i), el]));
      const beforeKeys = new Set<string | number>();
      a.forEach((el, i) => {
        const key = keyOf(el, i);
        beforeKeys.add(key);
        if (after.has(key)) compare(el, after.get(key), elementPath(path, keyField, key), depth + 1);
        else push(elementPath(path, keyField, key), el, null);
      });
      b.forEach((el, i) => {
        const key = keyOf(el, i);
        if (!beforeKeys.has(key)) push(elementPath(path, keyField, key), null, el);
      });
    }

    try {
      if (onlyAfterKeys && isFields(before) && isFields(after)) compareFields(before, after, '', 0, true);
      else compare(before, after, '', 0);
    } catch (err) {
      if (!(err instanceof Budget)) throw err;
    }
    if (stopped) changes.push({ field: MORE_CHANGES_FIELD, before: null, after: stopped });
    return changes;
  };
}
export type FieldDiff = ReturnType<typeof createFieldDiff>;
