import http, { type IncomingHttpHeaders, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface ReceivedRequest {
  method: string;
  url: string;
  headers: IncomingHttpHeaders;
  body: Buffer;
}

export type UpstreamHandler = (req: ReceivedRequest, res: ServerResponse, raw: IncomingMessage) => unknown;

export interface RecordingUpstream {
  url: string;
  /** Every request the upstream received, body included, in arrival order. */
  received: ReceivedRequest[];
  server: http.Server;
  close(): Promise<void>;
}

/** A real HTTP server on 127.0.0.1 (ephemeral port) that keeps what it received and answers with `handler`. */
export async function startRecordingUpstream(handler: UpstreamHandler): Promise<RecordingUpstream> {
  const received: ReceivedRequest[] = [];
  const server = http.createServer((raw, res) => {
    const chunks: Buffer[] = [];
    raw.on('data', (c: Buffer) => chunks.push(c));
    raw.on('end', () => {
      const req = { method: raw.method ?? 'GET', url: raw.url ?? '/', headers: raw.headers, body: Buffer.concat(chunks) };
      received.push(req);
      // A handler that throws answers 500 with its message, so the test sees the fault instead of a hang.
      Promise.resolve()
        .then(() => handler(req, res, raw))
        .catch((err: unknown) => {
          if (res.headersSent) res.destroy();
          else res.writeHead(500, { 'content-type': 'text/plain' }).end(`test portal failed: ${(err as Error).message}`);
        });
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    received,
    server,
    close: () =>
      new Promise((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

export function sendJson(res: ServerResponse, status: number, body: unknown, headers: Record<string, string | string[]> = {}): void {
  const text = body === undefined ? '' : JSON.stringify(body);
  res.writeHead(status, { 'content-type': 'application/json', ...headers });
  res.end(text);
}
