import { EntryDraft } from '../../shared/entry.ts';

/** In place of a value the log cannot represent: a lone surrogate, Infinity or NaN, a bigint, a function. */
export const UNREPRESENTABLE = '[unrepresentable]';
/** In place of a subtree nested deeper than MAX_ENTRY_DEPTH. */
export const TOO_DEEP = '[too deep]';
/** In place of each value beyond the first MAX_ENTRY_VALUES of an entry. */
export const TOO_LARGE = '[too large]';

/** Levels of nesting an entry may have, counted from the entry itself (a change's value starts at level 5). */
export const MAX_ENTRY_DEPTH = 64;
/** Values (objects, arrays and leaves) one entry may hold. */
export const MAX_ENTRY_VALUES = 50_000;
/** Notes kept per entry; more are summed up in one last note. */
const MAX_NOTES = 10;

/** A UTF-16 surrogate without its pair: valid in a JS string, not in UTF-8 or canonical JSON. */
const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;
const wellFormed = (text: string) => !LONE_SURROGATE.test(text);

/** Sets an own data property even for a name like __proto__, which plain assignment would take as the prototype. */
const define = (target: object, key: string, value: unknown) => Object.defineProperty(target, key, { value, enumerable: true, writable: true, configurable: true });

type Frame = { value: unknown; depth: number; path: string; put: (value: unknown) => void };

function childPath(path: string, key: string | number): string {
  if (typeof key === 'number') return `${path}[${key}]`;
  const shown = key.length > 40 ? `${key.slice(0, 40)}…` : key;
  return path ? `${path}.${shown}` : shown;
}

/**
 * A copy of `value` that canonical JSON (RFC 8785) and JSON.stringify always accept, walked with an
 * explicit stack so no nesting can overflow the call stack. Fields are copied as own data properties,
 * so names like `__proto__`, `constructor` or `toString` stay plain data. `root` names the value in notes.
 */
export function representable(value: unknown, { maxDepth = MAX_ENTRY_DEPTH, maxValues = MAX_ENTRY_VALUES, root = '' } = {}): { value: unknown; notes: string[] } {
  const notes: string[] = [];
  let dropped = 0;
  const note = (path: string, what: string) => {
    // A path 32 levels deep says no more than its start and end.
    const where = path.length > 120 ? `${path.slice(0, 60)}…${path.slice(-60)}` : path || 'entry';
    if (notes.length < MAX_NOTES) notes.push(`${where}: ${what}`);
    else dropped++;
  };
  let result: unknown;
  let seen = 0;
  const stack: Frame[] = [{ value, depth: 0, path: root, put: (v) => (result = v) }];
  for (let frame = stack.pop(); frame; frame = stack.pop()) {
    const { value: item, depth, path, put } = frame;
    if (++seen > maxValues) {
      if (seen === maxValues + 1) note(path, `more than ${maxValues} values; the rest replaced with ${TOO_LARGE}`);
      put(TOO_LARGE);
      continue;
    }
    try {
      if (item === null || typeof item === 'boolean') put(item);
      else if (typeof item === 'string') {
        if (wellFormed(item)) put(item);
        else {
          note(path, `text with a lone surrogate replaced with ${UNREPRESENTABLE}`);
          put(UNREPRESENTABLE);
        }
      } else if (typeof item === 'number') {
        if (Number.isFinite(item)) put(item);
        else {
          note(path, `${item} replaced with ${UNREPRESENTABLE}`);
          put(UNREPRESENTABLE);
        }
      } else if (typeof item === 'undefined') put(undefined);
      else if (typeof item !== 'object') {
        note(path, `a ${typeof item} replaced with ${UNREPRESENTABLE}`);
        put(UNREPRESENTABLE);
      } else if (depth >= maxDepth) {
        note(path, `nested deeper than ${maxDepth} levels; replaced with ${TOO_DEEP}`);
        put(TOO_DEEP);
      } else if (Array.isArray(item)) {
        const copy: unknown[] = new Array(item.length).fill(null);
        put(copy);
        for (let i = item.length - 1; i >= 0; i--) stack.push({ value: item[i], depth: depth + 1, path: childPath(path, i), put: (v) => (copy[i] = v ?? null) });
      } else {
        const copy: Record<string, unknown> = {};
        put(copy);
        const keys = Object.keys(item);
        for (let i = keys.length - 1; i >= 0; i--) {
          // eslint-disable-next-line @typescript-eslint/no-non-null-assertion -- bounded index: 0 <= i < keys.length
          const key = keys[i]!;
          const safeKey = wellFormed(key) ? key : key.replace(new RegExp(LONE_SURROGATE, 'g'), '\ufffd');
          if (safeKey !== key) note(childPath(path, safeKey), 'a field name with a lone surrogate was made well-formed');
          const at = childPath(path, safeKey);
          let child: unknown;
          try {
            child = (item as Record<string, unknown>)[key];
          } catch {
            // A hostile object (a throwing getter) is not data the log can hold.
            note(at, `a value that could not be read replaced with ${UNREPRESENTABLE}`);
            child = UNREPRESENTABLE;
          }
          stack.push({ value: child, depth: depth + 1, path: at, put: (v) => v !== undefined && define(copy, safeKey, v) });
        }
      }
    } catch {
      // A Proxy whose keys cannot be listed, say.
      note(path, `a value that could not be read replaced with ${UNREPRESENTABLE}`);
      put(UNREPRESENTABLE);
    }
  }
  if (dropped > 0) notes.push(`and ${dropped} more`);
  return { value: result, notes };
}

/**
 * Validates one draft and makes it representable on its own, before it joins a group-commit batch, so a
 * bad part of one entry can never cost another entry (or this one) its place in the log. Every driver
 * calls this in `intend` and `append`. What had to be replaced is said in the entry's `notes`.
 */
export function sanitizeDraft(draft: EntryDraft): EntryDraft {
  const { value, notes } = representable(draft);
  const clean = EntryDraft.parse(value);
  if (notes.length === 0) return clean;
  return { ...clean, notes: [...(clean.notes ?? []), ...notes] };
}
