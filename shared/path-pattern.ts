import { compile, match, parse, PathError, TokenData, type Token } from 'path-to-regexp';

/**
 * The one path matcher: capture rules, login and source paths (proxy/capture/route-match.ts), link
 * templates (shared/template.ts) and the demo portal's router all read a path pattern through here,
 * in path-to-regexp's syntax: `:name` one segment, `{…}` an optional part, `*name` several segments,
 * `\` before one of `( ) [ ] { } ? + ! * :` for the character itself.
 */

/** A path's params by name (a `*name` wildcard's segments joined by `/`), decoded; null when the path does not match. */
export type PathMatcher = (path: string) => Record<string, string> | null;

export interface PathPatternOptions {
  /** Whether letters must match in case. Default false. */
  caseSensitive?: boolean;
  /** Match paths that start with the pattern's segments (sources' `pathPrefix`) instead of the whole path. Default false. */
  prefix?: boolean;
}

/** A percent-decoded path segment, or the text as it came when it is not valid percent-encoding. */
export function safeDecode(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}

/** Text as a pattern that matches exactly it: path-to-regexp's special characters escaped (as its own stringify does). */
export function escapePatternText(text: string): string {
  return text.replace(/[{}()[\]+?!:*\\]/g, '\\$&');
}

/**
 * Compiles a pattern (text in path-to-regexp's syntax, or tokens built by a caller such as
 * templateToPattern) into a matcher. A trailing slash is optional on either side. Throws
 * path-to-regexp's PathError for a pattern it refuses; config validation calls pathPatternProblem first.
 */
export function compilePathPattern(pattern: string | Token[], { caseSensitive = false, prefix = false }: PathPatternOptions = {}): PathMatcher {
  const data = typeof pattern === 'string' ? parse(pattern.replace(/\/+$/, '')) : new TokenData(pattern);
  const matchPath = match(data, { sensitive: caseSensitive, end: !prefix, decode: false });
  return (path) => {
    const found = matchPath(path);
    if (!found) return null;
    const params: Record<string, string> = {};
    for (const [name, value] of Object.entries(found.params)) if (typeof value === 'string') params[name] = safeDecode(value);
    return params;
  };
}

/** Why path-to-regexp refuses a pattern, for a config error; null when it compiles. */
export function pathPatternProblem(pattern: string | Token[]): string | null {
  try {
    compilePathPattern(pattern);
    return null;
  } catch (err) {
    if (err instanceof PathError) return err.message;
    throw err;
  }
}

/** A pattern's `:name` and `*name` tokens, also those inside `{…}`. */
const paramTokens = (tokens: Token[]): Extract<Token, { type: 'param' | 'wildcard' }>[] =>
  tokens.flatMap((token) => (token.type === 'param' || token.type === 'wildcard' ? [token] : token.type === 'group' ? paramTokens(token.tokens) : []));

/** The names of a pattern's params (`:name`, `*name`, also inside `{…}`), as its matches key them; null when path-to-regexp refuses it. */
export function pathParamNames(pattern: string): string[] | null {
  try {
    return paramTokens(parse(pattern).tokens).map((token) => token.name);
  } catch (err) {
    if (err instanceof PathError) return null;
    throw err;
  }
}

/**
 * A path the pattern matches (doctor's sample request): every `:name` and `*name` filled with `value`,
 * percent-encoded, escapes unescaped and optional groups kept. path-to-regexp's compile writes it, so it
 * reads the pattern exactly as the matcher does. Throws PathError for a pattern path-to-regexp refuses.
 */
export function fillPathPattern(pattern: string, value: string): string {
  const data = parse(pattern);
  const params = Object.fromEntries(paramTokens(data.tokens).map((token) => [token.name, token.type === 'wildcard' ? [value] : value]));
  return compile(data)(params);
}
