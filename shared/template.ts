/**
 * Record-rule templates such as "{before.firstName} {before.lastName}" or "/students/{params.id}".
 * Shared by capture (naming records and links) and the extension (telling which record a tab shows).
 */

const PLACEHOLDER = /\{([^{}]+)\}/g;

const SEGMENT = /^\s*(?:\.?\s*([^.[\]"'\s]+)|\[\s*(?:"((?:[^"\\]|\\.)*)"|'([^']*)'|(\d+))\s*\])/;

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
    if (m[2] !== undefined) {
      try {
        keys.push(JSON.parse(`"${m[2]}"`) as string);
      } catch {
        return null;
      }
    } else keys.push(m[1] ?? m[3] ?? m[4]!);
    rest = rest.slice(m[0].length);
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

/** A percent-decoded path segment, or the text as it came when it is not valid percent-encoding. */
export function safeDecode(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/**
 * Turns a link template into a matcher: "/students/{params.id}" matches "/students/42" and returns
 * { id: "42" } (the last segment of each placeholder's path names the value). A placeholder matches
 * within one path segment; anything else must be equal. Returns null for a path that does not match.
 */
export function templateToPattern(template: string): (path: string) => Record<string, string> | null {
  const names: string[] = [];
  let source = '';
  let last = 0;
  for (const m of template.matchAll(PLACEHOLDER)) {
    source += escapeRegExp(template.slice(last, m.index));
    names.push(parseFieldPath(m[1]!)?.at(-1) ?? m[1]!.trim());
    source += '([^/?#]+)';
    last = m.index + m[0].length;
  }
  source += escapeRegExp(template.slice(last));
  const regex = new RegExp(`^${source}/?$`);
  return (path) => {
    const m = regex.exec(path.split(/[?#]/)[0]!);
    if (!m) return null;
    const out: Record<string, string> = {};
    names.forEach((name, i) => {
      out[name] = safeDecode(m[i + 1]!);
    });
    return out;
  };
}
