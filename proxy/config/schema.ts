import { z } from 'zod';
import { CHROME_EXTENSION_ORIGIN } from '../../shared/extension-identity.ts';
import { pathParamNames, pathPatternProblem } from '../../shared/path-pattern.ts';
import { parseFieldPath, templatePatternProblem } from '../../shared/template.ts';

/** Adds path-to-regexp's reason as the issue when `problem` finds one, so a bad pattern fails at load, naming its key. */
function refusing(problem: (text: string) => string | null, what: string) {
  return (text: string, ctx: z.RefinementCtx) => {
    const reason = problem(text);
    if (reason !== null) ctx.addIssue({ code: 'custom', message: `${what}: ${reason}` });
  };
}

/** A config path with `:params` in path-to-regexp's syntax (shared/path-pattern.ts). */
const pathPattern = z.string().startsWith('/').superRefine(refusing(pathPatternProblem, 'not a path pattern (write \\ before a literal ( ) [ ] { } ? + ! * :)'));

/** An extension page's origin, exactly as the browser sends it in `Origin`. */
const extensionOrigin = z
  .string()
  .regex(/^(chrome-extension:\/\/[a-p]{32}|moz-extension:\/\/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})$/, 'expected chrome-extension://<32 letters a-p> or moz-extension://<uuid>');

const hostPort = z
  .string()
  .regex(/^(\[[0-9a-fA-F:]+\]|[^:\s]+):\d{1,5}$/, 'expected host:port, e.g. 127.0.0.1:8081')
  .refine((value) => Number(value.slice(value.lastIndexOf(':') + 1)) <= 65535, 'the port must be 0–65535');

const name = z.string().trim().min(1, 'must not be empty');

const timezone = z.string().refine((tz) => {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: tz });
    return true;
  } catch {
    return false;
  }
}, 'not an IANA time zone, e.g. America/Chicago');

const cidr = z
  .string()
  .regex(/^[0-9a-fA-F:.]+(\/\d{1,3})?$/, 'expected an IP address or CIDR, e.g. 10.0.0.0/8')
  .or(z.enum(['loopback', 'linklocal', 'uniquelocal']));

export const Portal = z.strictObject({
  /** Where this portal face listens, host:port. */
  listen: hostPort,
  /** The real portal, e.g. http://127.0.0.1:3000. */
  target: z.url({ protocol: /^https?$/, error: 'expected an http(s) URL, e.g. http://127.0.0.1:3000' }),
  /** Source recorded for requests through this listener unless a `sources` rule says otherwise. */
  source: name,
  /** Host header sent upstream; default: the client's own Host. */
  host: z.string().optional(),
  /** Serve this listener over HTTPS: PEM files, relative to the config file; reloaded on SIGHUP. */
  tls: z.strictObject({ cert: z.string().min(1), key: z.string().min(1) }).optional(),
  /** PEM file of a private CA that signed an HTTPS target's certificate (relative to the config file); default: the system's CAs. */
  ca: z.string().min(1).optional(),
});
export type Portal = z.infer<typeof Portal>;

export const SourceRule = z.strictObject({
  match: z
    .strictObject({
      /** Substring of the User-Agent, case-insensitive. */
      userAgent: z.string().min(1).optional(),
      /** Exact Host header (without port). */
      host: z.string().min(1).optional(),
      pathPrefix: pathPattern.optional(),
    })
    .refine((m) => Object.keys(m).length > 0, 'a match needs at least one of userAgent, host, pathPrefix'),
  source: name,
});
export type SourceRule = z.infer<typeof SourceRule>;

/** The methods that only read. Every other method (POST … DELETE, MERGE, PROPPATCH, LOCK, custom ones) is a change. */
export const READ_METHODS: readonly string[] = ['GET', 'HEAD', 'OPTIONS', 'TRACE'];

/** Whether a request may change something at the portal, so it is recorded, its intent noted before forwarding. */
export function isMutating(method: string): boolean {
  return !READ_METHODS.includes(method.toUpperCase());
}

const method = z
  .string()
  .regex(/^[A-Za-z][A-Za-z0-9!#$%&'*+.^_`|~-]*$/, 'expected an HTTP method, e.g. POST')
  .transform((m) => m.toUpperCase());

export const NameFrom = z.strictObject({
  /** Upstream path template fetched with the acting user's credentials, e.g. /api/students/{body.studentId}. */
  get: z.string().startsWith('/'),
  /** Template over the fetched JSON, e.g. "{firstName} {lastName}". */
  name: z.string().min(1),
});

const validRegExp = z.string().refine((pattern) => {
  try {
    new RegExp(pattern);
    return true;
  } catch {
    return false;
  }
}, 'not a valid regular expression');

/** One condition on a request value: present (true) or absent (false), equal to a scalar, or matching a pattern. */
export const RuleCondition = z
  .strictObject({
    present: z.boolean().optional(),
    equals: z.union([z.string(), z.number(), z.boolean(), z.null()]).optional(),
    /** A JavaScript regular expression, tested against the value as text. */
    matches: validRegExp.optional(),
  })
  .refine((c) => Object.keys(c).length > 0, 'a condition needs present, equals or matches');
export type RuleCondition = z.infer<typeof RuleCondition>;

/** `body.versions.*.deprecated`, `query.action`: where a condition looks; `*` stands for any key or element. */
const conditionField = z
  .string()
  .refine((field) => /^(body|query)\b/.test(field) && (parseFieldPath(field)?.length ?? 0) > 1, 'expected a field under body. or query., e.g. body.status or query.action');

export const RecordRule = z
  .strictObject({
    method: method.optional(),
    /** Path with :params (path-to-regexp's syntax), e.g. /api/students/:id. */
    path: pathPattern,
    type: z.string().min(1),
    verb: z.string().min(1).optional(),
    /** Templates over {params.x} {body.x} {response.x} {before.x} {query.x}. */
    id: z.string().optional(),
    name: z.string().optional(),
    link: z.string().superRefine(refusing(templatePatternProblem, 'a page of this link cannot be told by its path')).optional(),
    nameFrom: NameFrom.optional(),
    /**
     * GET the record before an update/delete so the entry can say what changed. Default true for PUT/PATCH/DELETE;
     * `{ get }` names the path to fetch (a template, e.g. /flows), for any method.
     */
    snapshot: z.union([z.boolean(), z.strictObject({ get: z.string().startsWith('/') })], 'expected true, false or { "get": "/path" }').optional(),
    /** Fields that name an element of an array of objects in the diff, the first every element has. Default id, _id, key. */
    elementKeys: z.array(z.string().min(1)).min(1).optional(),
    /** Conditions that must all hold for the rule to match, by field: one path can carry several actions. */
    when: z.record(conditionField, RuleCondition).optional(),
    /** Names of :params whose values are secrets (a reset token in /reset/:token): masked wherever the entry would show them. */
    redactPath: z.array(z.string().min(1)).optional(),
  })
  .superRefine((rule, ctx) => {
    // A name that is no :param would mask nothing, and the secret would reach the log in clear.
    const params = pathParamNames(rule.path);
    if (!params) return;
    for (const [i, name] of (rule.redactPath ?? []).entries()) {
      if (params.includes(name)) continue;
      const has = params.length > 0 ? `its :params: ${params.join(', ')}` : 'it has none';
      ctx.addIssue({ code: 'custom', path: ['redactPath', i], message: `"${name}" is not a :param of ${rule.path} (${has})` });
    }
  });
export type RecordRule = z.infer<typeof RecordRule>;

const jsonPointer = z.string().regex(/^(\/[^/]*)+$/, 'expected a JSON pointer, e.g. /access_token');

export const LoginSuccess = z.strictObject({
  /** Status classes that may mean a login succeeded. Default both: 2xx and 3xx. */
  status: z
    .array(z.enum(['2xx', '3xx']))
    .min(1)
    .default(['2xx', '3xx']),
  /** A session cookie that must be set; default: any session cookie (actors.sessionCookies and the built-in names). */
  cookie: z.string().min(1).optional(),
  /** Paths (with :params) a redirect must not go to, or the login failed; default: the login path itself. */
  notRedirectTo: z.array(pathPattern).optional(),
});

export const Login = z.strictObject({
  /** Path of the login request, with :params like record rules, e.g. /-/user/:name. */
  path: pathPattern,
  /** Method of the login request; default every mutating method (so opening the login page is no login). */
  method: method.optional(),
  /** Body field with the username (a JSON pointer for a nested one), else the path :param of that name. */
  usernameField: z.string().min(1).default('username'),
  /** JSON pointer into the login's JSON answer where a bearer token is, e.g. /access_token. Default: none. */
  tokenField: jsonPointer.optional(),
  /** Path (with :params) whose request ends the session it carries; default: none besides expiry. */
  logoutPath: pathPattern.optional(),
  /** A revoke that names the token in its body (RFC 7009): the token there is forgotten. Default: none. */
  revoke: z.strictObject({ path: pathPattern, tokenField: jsonPointer.default('/token') }).optional(),
  /** Sessions learned from logins are forgotten after this many hours. */
  sessionHours: z.number().positive().default(24),
  /** When a login counts as successful; see LoginSuccess. */
  success: LoginSuccess.prefault({}),
});
export type Login = z.infer<typeof Login>;

/**
 * One object or a list of them, always a list once parsed. Not a z.union: a union reports most mistakes
 * as "Invalid input" at the list's key, and a config error must name the key that is wrong.
 */
function oneOrMany<T extends z.ZodType>(schema: T) {
  const many = z.array(schema);
  return z.custom<z.input<T> | z.input<T>[]>().transform((value, ctx): z.output<T>[] => {
    const result = Array.isArray(value) ? many.safeParse(value) : schema.safeParse(value);
    if (result.success) return Array.isArray(result.data) ? result.data : [result.data];
    for (const issue of result.error.issues) ctx.addIssue(issue as never);
    return z.NEVER;
  });
}

export const Actors = z.strictObject({
  /** One login style or several (a web form and a mobile app's token login); always a list once parsed. */
  login: oneOrMany(Login).default([]),
  /** Cookie names that carry a session, on top of the built-in ones (connect.sid, sessionid, PHPSESSID …). */
  sessionCookies: z.array(z.string().min(1)).default([]),
  /** Header set by a trusted auth gateway; believed only from trustedProxies. */
  header: z.string().min(1).optional(),
  jwt: z
    .strictObject({
      cookie: z.string().optional(),
      usernameClaim: z.string().default('sub'),
      nameClaim: z.string().default('name'),
      /** HS256 secret: when set, a token whose signature does not verify names nobody. */
      secret: z.string().min(1).optional(),
    })
    .optional(),
  basic: z.boolean().default(false),
  directory: z.record(z.string(), z.strictObject({ name: z.string().min(1), kind: z.enum(['staff', 'family', 'support']) })).default({}),
});
export type Actors = z.infer<typeof Actors>;

/** Where entries live. `url` may also come from PORTAL_AUDIT_DATABASE_URL (see proxy/store/create-store.ts). */
export const StoreDriver = z.strictObject({
  /** `json`: JSON Lines files under dataDir, no server needed (default). `postgres`: a PostgreSQL database. */
  driver: z.enum(['json', 'postgres']).default('json'),
  /** The database of the postgres driver, e.g. postgres://user@host:5432/audit. */
  url: z
    .string()
    .regex(/^postgres(ql)?:\/\/\S+$/, 'expected a postgres:// or postgresql:// URL')
    .optional(),
});
export type StoreDriver = z.infer<typeof StoreDriver>;

export const Config = z.strictObject({
  dataDir: z.string().min(1).default('data'),
  timezone: timezone.default(() => Intl.DateTimeFormat().resolvedOptions().timeZone),
  dateOrder: z.enum(['MDY', 'DMY']).default('MDY'),
  retentionDays: z.number().int().positive().default(730),
  /** The log's Ed25519 signing key file; default `<dataDir>/log-signing.key`, made on first start (PORTAL_AUDIT_SIGNING_KEY overrides both). */
  signingKeyFile: z.string().min(1).optional(),
  admin: z
    .strictObject({
      listen: hostPort.default('127.0.0.1:7070'),
      /**
       * The extension pages that get CORS answers. Default: our Chrome build (its id is pinned by the
       * manifest key). Firefox gives each profile its own moz-extension://<uuid>; add it here.
       */
      extensionOrigins: z.array(extensionOrigin).default([CHROME_EXTENSION_ORIGIN]),
    })
    .prefault({}),
  trustedProxies: z.array(cidr).default([]),
  portals: z.array(Portal).min(1, 'at least one portal is needed'),
  sources: z.array(SourceRule).default([]),
  actors: Actors.prefault({}),
  records: z.array(RecordRule).default([]),
  redact: z.array(z.string().min(1)).default([]),
  recordReads: z.array(RecordRule).default([]),
  /** Which of the client's request headers snapshot and nameFrom lookups carry (default: every end-to-end one). */
  lookups: z
    .strictObject({
      /** Only these (case-insensitive); hop-by-hop, body, conditional and forwarding headers are never sent. */
      allowHeaders: z.array(z.string().min(1)).optional(),
      /** Never these. */
      denyHeaders: z.array(z.string().min(1)).optional(),
    })
    .prefault({}),
  /** Bodies larger than this are forwarded untouched and the entry says it was truncated. */
  captureBodyLimit: z
    .number()
    .int()
    .positive()
    .default(256 * 1024),
  /** Whether rule, login and source paths match request paths regardless of letter case. */
  pathCase: z.enum(['insensitive', 'sensitive']).default('insensitive'),
  /** How long the portal may take: to accept the connection, and to answer once the request is sent. */
  upstream: z
    .strictObject({
      connectTimeoutMs: z.number().int().positive().default(5_000),
      answerTimeoutMs: z.number().int().positive().default(60_000),
    })
    .prefault({}),
  /**
   * How long the portal's answer to a change may wait for its entry when the log cannot take it (a full disk, a lost
   * database). Then the client gets 503 naming the portal's status, and the entry is still retried until it lands.
   */
  appendHoldMs: z.number().int().positive().default(30_000),
  /** On SIGTERM/SIGINT, how long requests in flight may take to finish before they are cut short. */
  shutdownGraceMs: z.number().int().nonnegative().default(10_000),
  store: StoreDriver.prefault({}),
});
export type Config = z.infer<typeof Config>;
export type ConfigInput = z.input<typeof Config>;
