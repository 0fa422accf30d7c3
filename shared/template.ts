import type { Token } from 'path-to-regexp';
import { compilePathPattern, pathPatternProblem, type PathMatcher } from './path-pattern.ts';

/**
 * Record-rule templates such as "{before.firstName} {before.lastName}" or "/students/{params.id}".
 * Shared by capture (naming records and links) and the extension (telling which record a tab shows).
 */

const PLACEHOLDER = /\{([^{}]+)\}/g;

const SEGMENT = /^\s*(?:\.?\s*([^.[\]"'\s]+)|\[\s*(?:"((?:[^"\\]|\\.)*)"|'([^']*)'|(\d+))\s*\])/;

/** A double-quoted key's text with its JSON escapes read, or undefined when they are not valid JSON. */
function parseJsonString(text: string): string | undefined {
  try {
    return JSON.parse(`"${text}"`) as string;
  } catch {
    return undefined;
  }
}

/**
 * Splits a placeholder's path into keys: `body.versions["1.0.0"].deprecated` → body, versions, 1.0.0,
 * deprecated. Brackets take a quoted key (JSON string escapes in double quotes) or an array index.
 * Null for a malformed path, so a typo fills nothing rather than something else.
 */
export function parseFieldPath(path: string): string[] | null {
  const keys: string[] = [];
  let rest = path;
  while (rest.trim() !== '') {
    const m = SEGMENT.exec(rest);
    if (!m || (keys.length === 0 && m[0].trimStart().startsWith('.'))) return null;
    const [whole, bare, doubleQuoted, singleQuoted, index] = m;
    const key = doubleQuoted === undefined ? (bare ?? singleQuoted ?? index) : parseJsonString(doubleQuoted);
    if (key === undefined) return null;
    keys.push(key);
    rest = rest.slice(whole.length);
  }
  return keys.length ? keys : null;
}

function lookup(scope: unknown, path: string): unknown {
  const keys = parseFieldPath(path);
  if (!keys) return undefined;
  let value: unknown = scope;
  for (const key of keys) {
    // Own keys only: `{body.constructor.name}` must not reach into the prototype.
    if (value === null || typeof value !== 'object' || !Object.hasOwn(value, key)) return undefined;
    value = (value as Record<string, unknown>)[key];
  }
  return value;
}

export interface RenderOptions {
  /** Applied to each filled-in value. Default: none. Path templates pass encodeURIComponent, so a value like "../x" cannot change the path. */
  encode?: (value: string) => string;
}

/**
 * Fills each {dotted.path} (or {path["with.dots"]}, {list[0]}) from `scope`. Returns null when a placeholder has no usable value
 * (missing, null, an object, or blank), so a half-filled name or link is never shown as if whole.
 */
export function renderTemplate(template: string, scope: unknown, { encode }: RenderOptions = {}): string | null {
  let complete = true;
  const out = template.replace(PLACEHOLDER, (_whole, path: string) => {
    const value = lookup(scope, path);
    const ok = typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean' || typeof value === 'bigint';
    if (!ok || String(value).trim() === '') {
      complete = false;
      return '';
    }
    return encode ? encode(String(value)) : String(value);
  });
  return complete ? out : null;
}

/** A link template as path tokens: its text literal, each placeholder one segment named by its path's last key. */
function templateTokens(template: string): Token[] {
  const tokens: Token[] = [];
  let last = 0;
  for (const m of template.matchAll(PLACEHOLDER)) {
    const [whole, path = ''] = m;
    tokens.push({ type: 'text', value: template.slice(last, m.index) }, { type: 'param', name: parseFieldPath(path)?.at(-1) ?? path.trim() });
    last = m.index + whole.length;
  }
  tokens.push({ type: 'text', value: template.slice(last) });
  return tokens.filter((token) => token.type !== 'text' || token.value !== '');
}

/**
 * Turns a link template into a matcher: "/students/{params.id}" matches "/students/42" and returns
 * { id: "42" } (the last key of each placeholder's path names the value), case and all, the query and
 * fragment ignored. A placeholder matches within one path segment; anything else must be equal.
 */
export function templateToPattern(template: string): PathMatcher {
  let matchPath: PathMatcher;
  try {
    matchPath = compilePathPattern(templateTokens(template), { caseSensitive: true });
  } catch {
    // The config refuses such a link (templatePatternProblem); one that got past it names no page rather than throwing in the extension.
    return () => null;
  }
  return (path) => matchPath(path.replace(/[?#].*$/s, ''));
}

/** Why a link template cannot be matched against a page's path (two placeholders with nothing between them); null when it can. */
export function templatePatternProblem(template: string): string | null {
  return pathPatternProblem(templateTokens(template));
}
