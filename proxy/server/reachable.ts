import { connect } from 'node:net';

/**
 * Whether a TCP connection to the target's host and port is accepted within `timeoutMs` (default 2000):
 * null when it is, else the reason (`ECONNREFUSED`, `timed out after 2000 ms` …). Nothing is sent.
 */
export function unreachable(target: string, timeoutMs = 2000): Promise<string | null> {
  const url = new URL(target);
  const port = Number(url.port || (url.protocol === 'https:' ? 443 : 80));
  return new Promise((resolve) => {
    const socket = connect({ host: url.hostname.replace(/^\[|\]$/g, ''), port });
    const done = (reason: string | null) => {
      socket.destroy();
      resolve(reason);
    };
    socket.setTimeout(timeoutMs, () => done(`timed out after ${timeoutMs} ms`));
    socket.once('connect', () => done(null));
    socket.once('error', (err: NodeJS.ErrnoException) => done(err.code ?? err.message));
  });
}
