import { z } from 'zod';

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
});
export type Portal = z.infer<typeof Portal>;

export const SourceRule = z.strictObject({
  match: z
    .strictObject({
      /** Substring of the User-Agent, case-insensitive. */
      userAgent: z.string().min(1).optional(),
      /** Exact Host header (without port). */
      host: z.string().min(1).optional(),
      pathPrefix: z.string().startsWith('/').optional(),
    })
    .refine((m) => Object.keys(m).length > 0, 'a match needs at least one of userAgent, host, pathPrefix'),
  source: name,
});
export type SourceRule = z.infer<typeof SourceRule>;

export const MUTATING_METHODS = ['POST', 'PUT', 'PATCH', 'DELETE'] as const;
const method = z
  .string()
  .transform((m) => m.toUpperCase())
  .pipe(z.enum(['GET', 'HEAD', 'OPTIONS', ...MUTATING_METHODS]));

export const NameFrom = z.strictObject({
  /** Upstream path template fetched with the acting user's credentials, e.g. /api/students/{body.studentId}. */
  get: z.string().startsWith('/'),
  /** Template over the fetched JSON, e.g. "{firstName} {lastName}". */
  name: z.string().min(1),
});

export const RecordRule = z.strictObject({
  method: method.optional(),
  /** Express-style path with :params, e.g. /api/students/:id. */
  path: z.string().startsWith('/'),
  type: z.string().min(1),
  verb: z.string().min(1).optional(),
  /** Templates over {params.x} {body.x} {response.x} {before.x} {query.x}. */
  id: z.string().optional(),
  name: z.string().optional(),
  link: z.string().optional(),
  nameFrom: NameFrom.optional(),
  /** GET the record before an update/delete so the entry can say what changed. Default true for PUT/PATCH/DELETE. */
  snapshot: z.boolean().optional(),
});
export type RecordRule = z.infer<typeof RecordRule>;

export const Actors = z.strictObject({
  login: z
    .strictObject({
      path: z.string().startsWith('/'),
      usernameField: z.string().min(1).default('username'),
      /** Path whose request ends the session; default: none besides cookie expiry. */
      logoutPath: z.string().startsWith('/').optional(),
      /** Sessions learned from logins are forgotten after this many hours. */
      sessionHours: z.number().positive().default(24),
    })
    .optional(),
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
  directory: z
    .record(z.string(), z.strictObject({ name: z.string().min(1), kind: z.enum(['staff', 'family', 'support']) }))
    .default({}),
});
export type Actors = z.infer<typeof Actors>;

export const Config = z.strictObject({
  dataDir: z.string().min(1).default('data'),
  timezone: timezone.default(() => Intl.DateTimeFormat().resolvedOptions().timeZone),
  dateOrder: z.enum(['MDY', 'DMY']).default('MDY'),
  retentionDays: z.number().int().positive().default(730),
  /** The log's Ed25519 signing key file; default `<dataDir>/log-signing.key`, made on first start (PORTAL_AUDIT_SIGNING_KEY overrides both). */
  signingKeyFile: z.string().min(1).optional(),
  admin: z.strictObject({ listen: hostPort.default('127.0.0.1:7070') }).prefault({}),
  trustedProxies: z.array(cidr).default([]),
  portals: z.array(Portal).min(1, 'at least one portal is needed'),
  sources: z.array(SourceRule).default([]),
  actors: Actors.prefault({}),
  records: z.array(RecordRule).default([]),
  redact: z.array(z.string().min(1)).default([]),
  recordReads: z.array(RecordRule).default([]),
  /** Bodies larger than this are forwarded untouched and the entry says it was truncated. */
  captureBodyLimit: z.number().int().positive().default(256 * 1024),
});
export type Config = z.infer<typeof Config>;
export type ConfigInput = z.input<typeof Config>;
