import { afterAll, beforeAll, expect, it } from 'vitest';
import { createUpstreamFetch } from '../../proxy/server/upstream-fetch.ts';
import { fakeFlow } from '../helpers/fake-flow.ts';
import { startRecordingUpstream, type RecordingUpstream } from '../helpers/recording-upstream.ts';

let portal: RecordingUpstream;
let elsewhere: RecordingUpstream;

beforeAll(async () => {
  portal = await startRecordingUpstream((req, res) => res.end(JSON.stringify({ id: '1', seenCookie: req.headers.cookie ?? null })));
  elsewhere = await startRecordingUpstream((_req, res) => res.end('{}'));
});
afterAll(async () => {
  await portal.close();
  await elsewhere.close();
});

it("looks records up on the portal with the acting client's own cookie", async () => {
  const fetchUpstream = createUpstreamFetch({ portal: { listen: '127.0.0.1:0', target: portal.url, source: 'Office Portal' } });
  const found = await fetchUpstream('/api/students/1', fakeFlow({ headers: { cookie: 'sid=abc' } }));
  expect(found).toEqual({ status: 200, body: { id: '1', seenCookie: 'sid=abc' } });
});

it('never leaves the portal, even for a path written like another host (//host/…)', async () => {
  const fetchUpstream = createUpstreamFetch({ portal: { listen: '127.0.0.1:0', target: portal.url, source: 'Office Portal' } });
  const host = new URL(elsewhere.url).host;
  await fetchUpstream(`//${host}/api/students/1`, fakeFlow({ headers: { cookie: 'sid=abc' } }));
  expect(elsewhere.received).toEqual([]);
  expect(portal.received.at(-1)?.url).toBe(`//${host}/api/students/1`);
});

const CLIENT_HEADERS = {
  cookie: 'sid=abc',
  authorization: 'Bearer t0k',
  'node-red-api-version': 'v2',
  'accept-language': 'de',
  'user-agent': 'cli/1.0',
  'content-type': 'application/json',
  'content-length': '120',
  'content-encoding': 'gzip',
  'transfer-encoding': 'chunked',
  connection: 'keep-alive, x-hop',
  'x-hop': 'only this hop',
  'keep-alive': 'timeout=5',
  te: 'trailers',
  upgrade: 'websocket',
  'proxy-authorization': 'Basic eA==',
  expect: '100-continue',
  'if-none-match': '"v1"',
  'x-forwarded-for': '203.0.113.9',
  'x-forwarded-proto': 'https',
  forwarded: 'for=203.0.113.9',
  via: '1.1 somewhere',
  'x-real-ip': '203.0.113.9',
  'x-authenticated-user': 'mallory',
};

it("carries the client's end-to-end headers, never hop-by-hop, body, conditional or forwarding ones", async () => {
  const fetchUpstream = createUpstreamFetch({ portal: { listen: '127.0.0.1:0', target: portal.url, source: 'Office Portal' } });
  const flow = fakeFlow({ method: 'PUT', headers: CLIENT_HEADERS, config: { actors: { header: 'x-authenticated-user' } } });
  expect((await fetchUpstream('/flows', flow))?.status).toBe(200);
  const sent = portal.received.at(-1)!.headers;
  expect(sent).toMatchObject({ cookie: 'sid=abc', authorization: 'Bearer t0k', 'node-red-api-version': 'v2', 'accept-language': 'de', 'user-agent': 'cli/1.0', accept: 'application/json' });
  for (const name of [
    'content-type',
    'content-encoding',
    'transfer-encoding',
    'x-hop',
    'keep-alive',
    'te',
    'upgrade',
    'proxy-authorization',
    'expect',
    'if-none-match',
    'x-forwarded-for',
    'x-forwarded-proto',
    'forwarded',
    'via',
    'x-real-ip',
    'x-authenticated-user',
  ]) {
    expect(sent, name).not.toHaveProperty(name);
  }
  // A GET without a body: no length of the client's body goes with it.
  expect(sent['content-length']).toBeUndefined();
});

it('lookups.allowHeaders sends only those, lookups.denyHeaders holds some back', async () => {
  const fetchUpstream = createUpstreamFetch({ portal: { listen: '127.0.0.1:0', target: portal.url, source: 'Office Portal' } });
  await fetchUpstream('/flows', fakeFlow({ headers: CLIENT_HEADERS, config: { lookups: { allowHeaders: ['Cookie', 'Node-RED-API-Version', 'X-Forwarded-For'] } } }));
  const allowed = portal.received.at(-1)!.headers;
  expect(allowed).toMatchObject({ cookie: 'sid=abc', 'node-red-api-version': 'v2' });
  for (const name of ['authorization', 'accept-language', 'user-agent', 'x-forwarded-for']) expect(allowed, name).not.toHaveProperty(name);

  await fetchUpstream('/flows', fakeFlow({ headers: CLIENT_HEADERS, config: { lookups: { denyHeaders: ['accept-language', 'User-Agent'] } } }));
  const denied = portal.received.at(-1)!.headers;
  expect(denied).toMatchObject({ cookie: 'sid=abc', 'node-red-api-version': 'v2' });
  expect(denied).not.toHaveProperty('accept-language');
  expect(denied['user-agent']).toBeUndefined();
});

it('carries the actor header only when a trusted proxy sent it', async () => {
  const fetchUpstream = createUpstreamFetch({ portal: { listen: '127.0.0.1:0', target: portal.url, source: 'Office Portal' } });
  const config = { actors: { header: 'X-Authenticated-User' }, trustedProxies: ['10.0.0.0/8'] };
  await fetchUpstream('/flows', fakeFlow({ remoteAddress: '10.1.2.3', headers: { 'x-authenticated-user': 'pat.admin' }, config }));
  expect(portal.received.at(-1)!.headers['x-authenticated-user']).toBe('pat.admin');
  await fetchUpstream('/flows', fakeFlow({ remoteAddress: '192.0.2.7', headers: { 'x-authenticated-user': 'mallory' }, config }));
  expect(portal.received.at(-1)!.headers).not.toHaveProperty('x-authenticated-user');
});
