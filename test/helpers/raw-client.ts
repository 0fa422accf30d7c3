import http, { type IncomingHttpHeaders } from 'node:http';

export interface RawAnswer {
  status: number;
  headers: IncomingHttpHeaders;
  body: Buffer;
  json<T = any>(): T;
}

export interface RawSendOptions {
  method?: string;
  headers?: Record<string, string>;
  body?: string | Buffer;
  /** 127.0.0.2 is a second, untrusted client. Default 127.0.0.1. */
  localAddress?: string;
}

/** Sends a request whose target is written exactly as given: no URL parsing, so `//`, `..` and `%2e` survive. */
export function sendRaw(base: string, target: string, { method = 'GET', headers = {}, body, localAddress = '127.0.0.1' }: RawSendOptions = {}): Promise<RawAnswer> {
  const { hostname, port } = new URL(base);
  return new Promise((resolve, reject) => {
    const req = http.request({ host: hostname, port, method, path: target, headers, localAddress, agent: false }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('error', reject);
      res.on('end', () => {
        const all = Buffer.concat(chunks);
        resolve({ status: res.statusCode!, headers: res.headers, body: all, json: () => JSON.parse(all.toString('utf8')) });
      });
    });
    req.on('error', reject);
    req.end(body);
  });
}
