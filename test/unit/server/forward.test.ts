import http, { type IncomingMessage } from 'node:http';
import { Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { createForwarder, UpstreamTimeoutError } from '../../../proxy/server/forward.ts';
import { listenForTest, upstreamForTest } from '../../helpers/servers-for-test.ts';

/** A real incoming request to hand to the forwarder: a tiny server that passes it on, with the client's headers. */
async function incoming(target: string, headers: Record<string, string>, use: (req: IncomingMessage) => Promise<unknown>): Promise<unknown> {
  let result!: Promise<unknown>;
  const url = await listenForTest((req, res) => {
    result = use(req);
    // The result's own failure is seen where the test awaits it.
    result.then(
      () => res.end(),
      () => res.end(),
    );
  });
  // The target as given, not resolved as a URL: `./` and `//` must reach the forwarder.
  const { hostname, port } = new URL(url);
  await new Promise<void>((resolve) => http.request({ host: hostname, port, path: target, headers, agent: false }, (res) => res.resume().on('end', resolve)).end());
  return result;
}

describe('createForwarder', () => {
  it('sends the raw target after the portal path prefix, without hop-by-hop headers, with X-Forwarded-*', async () => {
    const upstream = await upstreamForTest();
    const { forward } = createForwarder({ target: `${upstream.url}/app/` });
    await incoming('/api//students/./1?x=%2F', { connection: 'keep-alive, x-hop', 'x-hop': '1', 'x-keep': '2', host: 'office:8081' }, async (req) => {
      const res = await forward(req, Readable.from([]), req.url!).response;
      res.resume();
    });
    const [got] = upstream.counted();
    expect(got!.url).toBe('/app/api//students/./1?x=%2F');
    expect(got!.headers).toMatchObject({
      'x-keep': '2',
      'x-forwarded-for': '127.0.0.1',
      'x-forwarded-port': '8081',
      'x-forwarded-proto': 'http',
      'x-forwarded-host': 'office:8081',
      host: 'office:8081',
    });
    expect(got!.headers['x-hop']).toBeUndefined();
  });

  it("sends the configured Host instead of the client's", async () => {
    const upstream = await upstreamForTest();
    const { forward } = createForwarder({ target: upstream.url, host: 'portal.internal' });
    await incoming('/', {}, async (req) => (await forward(req, Readable.from([]), req.url!).response).resume());
    expect(upstream.counted()[0]!.headers.host).toBe('portal.internal');
  });

  it('gives up on a portal that does not answer with an answer timeout', async () => {
    const upstream = await upstreamForTest(() => undefined);
    const { forward } = createForwarder({ target: upstream.url, answerTimeoutMs: 100 });
    const error = await incoming('/', {}, (req) =>
      forward(req, Readable.from([]), req.url!).response.then(
        () => null,
        (err) => err,
      ),
    );
    expect(error).toBeInstanceOf(UpstreamTimeoutError);
    expect(error).toMatchObject({ phase: 'answer', code: 'ETIMEDOUT' });
  });

  it('abort ends an exchange with the given error', async () => {
    const upstream = await upstreamForTest(() => undefined);
    const { forward } = createForwarder({ target: upstream.url });
    const reason = new Error('stopping');
    const error = await incoming('/', {}, (req) => {
      const exchange = forward(req, Readable.from([]), req.url!);
      setTimeout(() => exchange.abort(reason), 50);
      return exchange.response.then(
        () => null,
        (err) => err,
      );
    });
    expect(error).toBe(reason);
  });
});
