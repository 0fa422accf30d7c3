import type { CapturedBody, Flow } from '../../proxy/capture/flow.ts';
import { parseConfig } from '../../proxy/config/load.ts';
import type { ConfigInput } from '../../proxy/config/schema.ts';

const none: CapturedBody = { kind: 'none', value: null, size: 0, truncated: false };
const json = (value: unknown): CapturedBody => ({ kind: 'json', value, size: JSON.stringify(value).length, truncated: false });

export interface FakeFlowOptions {
  method?: string;
  path?: string;
  headers?: Record<string, string>;
  remoteAddress?: string;
  /** Request body as parsed JSON. */
  body?: unknown;
  /** The portal's answer; leave out for a request not yet forwarded. */
  response?: { status: number; body?: unknown; headers?: Record<string, string | string[]> };
  config?: Partial<ConfigInput>;
  /** What ctx.fetchUpstream answers, by path. */
  upstream?: Record<string, unknown>;
}

/**
 * A flow as the listener would build it (after mitmproxy's test flows), for testing one step alone.
 * Sessions live in a Map and upstream lookups answer from `upstream`.
 */
export function fakeFlow({ method = 'POST', path = '/', headers = {}, remoteAddress = '127.0.0.1', body, response, config = {}, upstream = {} }: FakeFlowOptions = {}): Flow {
  const parsed = parseConfig({ portals: [{ listen: '127.0.0.1:0', target: 'http://127.0.0.1:9', source: 'Office Portal' }], ...config });
  const sessions = new Map<string, string>();
  const url = new URL(path, 'http://portal');
  return {
    requestId: 'req-1',
    startedAt: new Date('2025-03-04T05:06:07.089Z'),
    record: true,
    request: { method, url: path, path: url.pathname, query: Object.fromEntries(url.searchParams), headers, remoteAddress, body: body === undefined ? none : json(body) },
    response: response && { status: response.status, headers: response.headers ?? {}, body: response.body === undefined ? none : json(response.body) },
    records: [],
    draft: {},
    ctx: {
      config: parsed,
      portal: parsed.portals[0]!,
      sessions: {
        lookup: async (value) => sessions.get(value) ?? null,
        remember: async (values, username) => values.forEach((v) => sessions.set(v, username)),
        forget: async (values) => values.forEach((v) => sessions.delete(v)),
      },
      fetchUpstream: async (p) => (p in upstream ? { status: 200, body: upstream[p] } : { status: 404, body: null }),
    },
  };
}
