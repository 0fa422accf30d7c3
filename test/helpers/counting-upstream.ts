import { createHash } from 'node:crypto';
import type { IncomingHttpHeaders } from 'node:http';
import { sendJson, startRecordingUpstream, type RecordingUpstream, type UpstreamHandler } from './recording-upstream.ts';

export interface CountedRequest {
  method: string;
  url: string;
  headers: IncomingHttpHeaders;
  /** sha256 hex of the body bytes exactly as they arrived. */
  sha256: string;
  size: number;
}

export interface CountingUpstream extends RecordingUpstream {
  /** What arrived, in order: enough to prove the portal got the client's bytes, and how many requests. */
  counted(): CountedRequest[];
}

export const sha256 = (data: string | Buffer) => createHash('sha256').update(data).digest('hex');

/** Answers a mutation 201 (POST) or 200 with a small JSON body that echoes nothing the client sent. */
const plainAnswer: UpstreamHandler = (req, res) => sendJson(res, req.method === 'POST' ? 201 : 200, { ok: true });

/** A real upstream on 127.0.0.1 that counts requests and keeps each body's sha256 and headers. */
export async function startCountingUpstream(handler: UpstreamHandler = plainAnswer): Promise<CountingUpstream> {
  const upstream = await startRecordingUpstream(handler);
  return Object.assign(upstream, {
    counted: () => upstream.received.map(({ method, url, headers, body }) => ({ method, url, headers, sha256: sha256(body), size: body.length })),
  });
}
