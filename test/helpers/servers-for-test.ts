import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { onTestFinished } from 'vitest';
import { startCountingUpstream, type CountingUpstream } from './counting-upstream.ts';
import type { UpstreamHandler } from './recording-upstream.ts';

/** A counting upstream (see counting-upstream.ts) that is closed when the current test finishes. */
export async function upstreamForTest(handler?: UpstreamHandler): Promise<CountingUpstream> {
  const upstream = await startCountingUpstream(handler);
  onTestFinished(() => upstream.close());
  return upstream;
}

/** An HTTP server on 127.0.0.1 at a free port, closed with its connections when the current test finishes; its URL. */
export async function listenForTest(handler: http.RequestListener): Promise<string> {
  const server = http.createServer(handler);
  onTestFinished(() => {
    server.closeAllConnections();
    server.close();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}
