import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { compileRulePath } from '../../proxy/capture/route-match.ts';
import { Router } from '../../proxy/demo/portal/http.ts';
import { compilePathPattern, escapePatternText, fillPathPattern, safeDecode } from '../../shared/path-pattern.ts';
import { templateToPattern } from '../../shared/template.ts';

/*
 * The three matchers that were replaced by shared/path-pattern.ts, as they were, to check the one
 * matcher against: capture's compilePathPattern (with route-match's safeDecode of each param), the
 * link-template matcher and the demo portal's router.
 */
const escapeRegExp = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

function oldRulePath(pattern: string, sensitive: boolean) {
  const source = pattern
    .replace(/\/+$/, '')
    .split('/')
    .map((segment) => (segment.startsWith(':') ? `(?<${segment.slice(1).replace(/\W/g, '_')}>[^/]+)` : escapeRegExp(segment)))
    .join('/');
  const regex = new RegExp(`^${source}/?$`, sensitive ? '' : 'i');
  return (path: string) => {
    const m = regex.exec(path);
    return m ? Object.fromEntries(Object.entries({ ...m.groups }).map(([key, value]) => [key, safeDecode(value)])) : null;
  };
}

function oldTemplate(template: string) {
  const names: string[] = [];
  const source = template
    .split(/\{params\.(\w+)\}/)
    .map((part, i) => (i % 2 ? (names.push(part), '([^/?#]+)') : escapeRegExp(part)))
    .join('');
  const regex = new RegExp(`^${source}/?$`);
  return (path: string) => {
    const m = regex.exec(path.split(/[?#]/)[0] ?? '');
    return m ? Object.fromEntries(names.map((name, i) => [name, safeDecode(m[i + 1] ?? '')])) : null;
  };
}

function oldDemoRoute(path: string) {
  const keys: string[] = [];
  const regex = new RegExp(`^${path.replace(/:(\w+)/g, (_, key: string) => (keys.push(key), '([^/]+)'))}/?$`);
  return (target: string) => {
    const m = regex.exec(target);
    return m ? Object.fromEntries(keys.map((key, i) => [key, decodeURIComponent(m[i + 1] ?? '')])) : null;
  };
}

/** A pattern as segments: a literal, or a param (numbered, so names never repeat). */
type Segment = { literal: string } | { param: true };
const literal = fc.stringMatching(/^[A-Za-z0-9_~-][A-Za-z0-9._~-]{0,5}$/).map((text) => ({ literal: text }));
const shape = fc.record({ segments: fc.array(fc.oneof(literal, fc.constant({ param: true as const })), { maxLength: 4 }), slash: fc.boolean() });
/** A param's value in a request path: never a `/`, percent-encodings valid or not. */
const value = fc.stringMatching(/^([A-Za-z0-9._~!$&'()*+,;=:@-]|%[0-9A-Fa-f]{2}|%zz){1,5}$/);

function render(segments: Segment[], slash: boolean, param: (i: number) => string): string {
  return `/${segments.map((s, i) => ('literal' in s ? s.literal : param(i))).join('/')}${slash ? '/' : ''}`;
}

/** A request path for a pattern: filled in, letters' case flipped at random, a slash or a segment added or not. */
const pathFor = (segments: Segment[]) =>
  fc.tuple(fc.array(value, { minLength: 4, maxLength: 4 }), fc.boolean(), fc.constantFrom('', '/', '/extra'), fc.boolean()).map(([values, flip, tail, unrelated]) => {
    if (unrelated) return `/${values.join('/')}`;
    const path = render(segments, false, (i) => values[i] ?? 'x') + tail;
    return flip ? path.replace(/[a-z]/g, (c) => c.toUpperCase()) : path;
  });

const case_ = fc
  .record({ shape, sensitive: fc.boolean() })
  .chain(({ shape: { segments, slash }, sensitive }) => fc.record({ path: pathFor(segments) }).map(({ path }) => ({ segments, slash, sensitive, path })));

describe('the one path matcher agrees with the matchers it replaced', () => {
  it('capture rules: params decoded, case as pathCase says, a trailing slash optional', () => {
    fc.assert(
      fc.property(case_, ({ segments, slash, sensitive, path }) => {
        const pattern = render(segments, slash, (i) => `:p${i}`);
        expect(compileRulePath(pattern, { pathCase: sensitive ? 'sensitive' : 'insensitive' })(path)).toEqual(oldRulePath(pattern, sensitive)(path));
      }),
      { numRuns: 2000 },
    );
  });

  it('link templates: case compared, the query ignored', () => {
    fc.assert(
      fc.property(case_, fc.constantFrom('', '?tab=notes', '#top'), ({ segments, slash, path }, query) => {
        const template = render(segments, slash, (i) => `{params.p${i}}`);
        expect(templateToPattern(template)(path + query)).toEqual(oldTemplate(template)(path + query));
      }),
      { numRuns: 2000 },
    );
  });

  it("the demo portal's routes", () => {
    const alnum = fc.stringMatching(/^[A-Za-z0-9]{1,6}$/).map((text) => ({ literal: text }));
    const demoShape = fc.array(fc.oneof(alnum, fc.constant({ param: true as const })), { minLength: 1, maxLength: 4 });
    const demoValue = fc.stringMatching(/^([A-Za-z0-9-]|%[0-9A-F]{2}){1,5}$/).filter((v) => safeDecode(v) !== v || !v.includes('%'));
    fc.assert(
      fc.property(demoShape, fc.array(demoValue, { minLength: 4, maxLength: 4 }), fc.constantFrom('', '/', '/extra'), (segments, values, tail) => {
        const route = render(segments, false, (i) => `:p${i}`);
        const path = render(segments, false, (i) => values[i] ?? 'x') + tail;
        const found = new Router().on('GET', route, () => undefined).find('GET', path);
        expect(found === null ? null : found === 'wrong-method' ? found : found.params).toEqual(oldDemoRoute(route)(path));
      }),
      { numRuns: 1000 },
    );
  });
});

describe('what the old matchers’ tests pinned, through the one matcher', () => {
  it.each([
    // capture (path-normalise.test.ts, route.test.ts): case ignored by default, params as sent, then decoded.
    ['/api/students/:id', {}, '/API/Students/AbC', { id: 'AbC' }],
    ['/api/students/:id', {}, '/api/students/1/', { id: '1' }],
    ['/api/students/:id', {}, '/api/students', null],
    ['/api/students/:id', {}, '/api/students/a%20b', { id: 'a b' }],
    ['/api/students/:id', {}, '/api/students/%E0%A4%A', { id: '%E0%A4%A' }],
    ['/login', { caseSensitive: true }, '/LOGIN', null],
    ['/kiosk/checkin', { prefix: true }, '/Kiosk/CheckIn/scan', {}],
    ['/kiosk/checkin', { prefix: true }, '/other/kiosk/checkin', null],
    ['/a.b/\\(x\\)', {}, '/aXb/(x)', null],
    ['/a.b/\\(x\\)', {}, '/a.b/(x)', {}],
    // the demo portal: a deeper path is another page.
    ['/api/enrollments/:id', { caseSensitive: true }, '/api/enrollments/3/x', null],
  ] as const)('%s %j: %s → %j', (pattern, options, path, params) => {
    expect(compilePathPattern(pattern, options)(path)).toEqual(params);
  });

  it('refuses what path-to-regexp refuses, when compiled rather than when a request comes', () => {
    for (const pattern of ['/api/:', '/api/:id(\\d+)', '/api/:a:b', '/api/{open']) expect(() => compilePathPattern(pattern)).toThrow();
  });
});

describe('fillPathPattern', () => {
  // Literal text with path-to-regexp's special characters, escaped as a config author would write it.
  const text = fc.constantFrom('api', 'v1', '(legacy)', 'a+b', '[x]', 'why?', 'no!', 'a:b', 'x*y').map(escapePatternText);
  const segment = fc.oneof(
    fc.constant((text: string) => `/${text}`),
    fc.constant((_: string, name: string) => `/:${name}`),
    fc.constant((_: string, name: string) => `{/:${name}}`),
    fc.constant((text: string) => `{/${text}}`),
    fc.constant((_: string, name: string) => `/*${name}`),
  );
  // Config paths start with `/` (schema.ts), so the first segment is a plain one.
  const pattern = fc.array(fc.tuple(segment, text), { minLength: 1, maxLength: 5 }).map((parts) => `/api${parts.map(([make, text], i) => make(text, `p${i}`)).join('')}`);
  const value = fc.stringMatching(/^[\w@. -]{1,8}$/).filter((v) => v !== '.' && v !== '..');

  it('fills a pattern with escapes, optional groups and wildcards into a path its own rule matches', () => {
    expect(fillPathPattern('/api/\\(legacy\\)/:id', '1')).toBe('/api/(legacy)/1');
    expect(fillPathPattern('/files{/:version}/*rest', 'a b')).toBe('/files/a%20b/a%20b');
    fc.assert(
      fc.property(pattern, value, (pattern, value) => {
        expect(compileRulePath(pattern)(fillPathPattern(pattern, value)), `${pattern} filled with ${value}`).not.toBeNull();
      }),
    );
  });
});
