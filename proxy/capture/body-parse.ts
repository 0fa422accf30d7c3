import busboy from 'busboy';
import type { CapturedBody } from './flow.ts';

export interface ParseBodyOptions {
  /** The body's Content-Type header; default: none (the body is not parsed). */
  contentType?: string;
  /** Bytes of the whole body, which may exceed what was captured. Default: the captured length. */
  size?: number;
  /** Only the start of the body was captured. Default false. */
  truncated?: boolean;
}

function formFields(params: URLSearchParams): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [key, value] of params) {
    const prev = out[key];
    // A repeated key (checkboxes, multi-selects) keeps every value rather than the last.
    out[key] = prev === undefined ? value : Array.isArray(prev) ? [...prev, value] : [prev, value];
  }
  return out;
}

/** Multipart fields by name; file parts become { filename, size } so file contents never reach the log. */
function parseMultipart(data: Buffer, contentType: string): Promise<Record<string, unknown>> {
  return new Promise((resolve) => {
    const out: Record<string, unknown> = {};
    let parser: busboy.Busboy;
    try {
      parser = busboy({ headers: { 'content-type': contentType } });
    } catch {
      resolve(out);
      return;
    }
    parser.on('field', (name, value) => {
      out[name] = value;
    });
    parser.on('file', (name, file, info) => {
      const part = { filename: info.filename ?? null, size: 0 };
      out[name] = part;
      file.on('data', (chunk: Buffer) => {
        part.size += chunk.length;
      });
      file.on('error', () => undefined);
    });
    // A truncated form ends early: keep the fields read so far.
    parser.on('close', () => resolve(out));
    parser.on('error', () => resolve(out));
    parser.end(data);
  });
}

/** Understands JSON, form-encoded and multipart bodies; anything else is kept as its size only. */
export async function parseBody(data: Buffer, { contentType = '', size = data.length, truncated = false }: ParseBodyOptions = {}): Promise<CapturedBody> {
  const base = { size, truncated };
  if (size === 0) return { kind: 'none', value: null, ...base };
  const type = contentType.toLowerCase();
  if (type.includes('json')) {
    try {
      return { kind: 'json', value: JSON.parse(data.toString('utf8')), ...base };
    } catch {
      return { kind: 'text', value: null, ...base };
    }
  }
  if (type.startsWith('application/x-www-form-urlencoded')) {
    return { kind: 'form', value: formFields(new URLSearchParams(data.toString('utf8'))), ...base };
  }
  if (type.startsWith('multipart/form-data')) {
    return { kind: 'multipart', value: await parseMultipart(data, contentType), ...base };
  }
  return { kind: 'text', value: null, ...base };
}
