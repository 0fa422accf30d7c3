import type { ServerResponse } from 'node:http';

/** Answers with the proxy's own JSON error (never a stack trace); a no-op once the portal's answer began. */
export function sendJsonError(res: ServerResponse, status: number, error: string): void {
  if (res.headersSent || res.destroyed) {
    res.destroy();
    return;
  }
  const body = JSON.stringify({ error });
  // The client may still be sending a body we will not read: close rather than drain it.
  res.writeHead(status, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body), connection: 'close' });
  res.end(body);
}
