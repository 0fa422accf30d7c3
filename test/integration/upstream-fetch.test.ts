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
