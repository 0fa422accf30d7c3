import { createTrust } from '../../proxy/capture/trust.ts';
import type { CapturedBody, CaptureContext, CaptureStep, Flow, SessionBook } from '../../proxy/capture/flow.ts';
import { parseConfig } from '../../proxy/config/load.ts';
import type { ConfigInput } from '../../proxy/config/schema.ts';

const none: CapturedBody = { kind: 'none', value: null, size: 0, truncated: false };
const json = (value: unknown): CapturedBody => ({ kind: 'json', value, size: JSON.stringify(value).length, truncated: false });

export type UpstreamAnswer = { status: number; body: unknown } | null;

/** A SessionBook kept in a Map, so a test can see what a login taught it. */
export interface FakeSessionBook extends SessionBook {
  /** Cookie pair → who it belongs to and for how many hours. */
  table: Map<string, { username: string; hours: number }>;
}

export function fakeSessions(): FakeSessionBook {
  const table = new Map<string, { username: string; hours: number }>();
  return {
    table,
    lookup: async (value) => table.get(value)?.username ?? null,
    remember: async (values, username, hours) => values.forEach((v) => table.set(v, { username, hours })),
    forget: async (values) => values.forEach((v) => table.delete(v)),
    follow: async (current, next) => {
      const found = table.get(current);
      if (found) next.forEach((v) => table.set(v, { ...found }));
    },
  };
}

/** The context a step is handed, with its upstream as an in-memory table of paths. */
export interface FakeContext extends CaptureContext {
  sessions: FakeSessionBook;
  /** Path → answer; a missing path is a 404 and `null` an upstream that could not be reached. Tests may change it between flows. */
  upstream: Map<string, UpstreamAnswer>;
  /** Every path fetchUpstream was asked for, in order: shows what a step fetched and how often. */
  fetched: string[];
}

export interface FakeContextOptions {
  config?: Partial<ConfigInput>;
  /** Bodies fetchUpstream answers with status 200, by path. */
  upstream?: Record<string, unknown>;
}

export function fakeContext({ config = {}, upstream = {} }: FakeContextOptions = {}): FakeContext {
  const parsed = parseConfig({ portals: [{ listen: '127.0.0.1:0', target: 'http://127.0.0.1:9', source: 'Office Portal' }], ...config });
  const table = new Map<string, UpstreamAnswer>(Object.entries(upstream).map(([path, body]) => [path, { status: 200, body }]));
  const fetched: string[] = [];
  return {
    config: parsed,
    portal: parsed.portals[0]!,
    sessions: fakeSessions(),
    trust: createTrust({ trustedProxies: parsed.trustedProxies }),
    upstream: table,
    fetched,
    fetchUpstream: async (path) => {
      fetched.push(path);
      return table.has(path) ? table.get(path)! : { status: 404, body: null };
    },
  };
}

export interface FakeFlowOptions extends FakeContextOptions {
  method?: string;
  path?: string;
  headers?: Record<string, string>;
  remoteAddress?: string;
  /** Request body as parsed JSON. */
  body?: unknown;
  /** The portal's answer; leave out for a request not yet forwarded. */
  response?: { status: number; body?: unknown; headers?: Record<string, string | string[]> };
  /** A context shared with other flows; `config` and `upstream` are then ignored. */
  ctx?: FakeContext;
}

export type FakeFlow = Flow & { ctx: FakeContext };

/**
 * A flow as the listener would build it (after mitmproxy's test flows), for testing one step alone.
 */
export function fakeFlow({ method = 'POST', path = '/', headers = {}, remoteAddress = '127.0.0.1', body, response, config, upstream, ctx }: FakeFlowOptions = {}): FakeFlow {
  const url = new URL(path, 'http://portal');
  return {
    requestId: 'req-1',
    startedAt: new Date('2025-03-04T05:06:07.089Z'),
    record: true,
    request: { method, url: path, path: url.pathname, query: Object.fromEntries(url.searchParams), headers, remoteAddress, body: body === undefined ? none : json(body) },
    response: response && { status: response.status, headers: response.headers ?? {}, body: response.body === undefined ? none : json(response.body) },
    records: [],
    draft: {},
    ctx: ctx ?? fakeContext({ config, upstream }),
  };
}

/** Runs every request hook, then every response hook, as the pipeline does around forwarding. */
export async function runSteps<F extends Flow>(flow: F, steps: CaptureStep[]): Promise<F> {
  for (const step of steps) await step.request?.(flow);
  for (const step of steps) await step.response?.(flow);
  return flow;
}
