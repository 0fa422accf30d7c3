import busboy from 'busboy';
import { representable } from '../store/sanitize.ts';
import { MAX_BODY_DEPTH, MAX_BODY_FIELDS } from './body-limits.ts';
import type { CapturedBody } from './flow.ts';
import { closeJsonPrefix } from './json-prefix.ts';

export interface ParseBodyOptions {
  /** The body's Content-Type header; default: none (the body is not parsed). */
  contentType?: string;
  /** Bytes of the whole body, which may exceed what was captured. Default: the captured length. */
  size?: number;
  /** Only the start of the body was captured. Default false. */
  truncated?: boolean;
}

type Fields = Record<string, unknown>;

/** Fields without a prototype, so names like __proto__ or toString are plain data. */
const fields = (): Fields => Object.create(null) as Fields;

/** A repeated name (checkboxes, multi-selects) keeps every value rather than the last, in linear time. */
function addField(out: Fields, name: string, value: unknown): void {
  if (!Object.hasOwn(out, name)) out[name] = value;
  else if (Array.isArray(out[name])) (out[name] as unknown[]).push(value);
  else out[name] = [out[name], value];
}

function formFields(text: string, notes: string[]): Fields {
  const out = fields();
  let count = 0;
  for (const [key, value] of new URLSearchParams(text)) {
    if (++count <= MAX_BODY_FIELDS) addField(out, key, value);
  }
  if (count > MAX_BODY_FIELDS) notes.push(`body: ${count} fields; the first ${MAX_BODY_FIELDS} kept`);
  return out;
}

/** Multipart fields by name; file parts become { filename, size } so file contents never reach the log. */
function parseMultipart(data: Buffer, contentType: string, notes: string[]): Promise<Fields> {
  return new Promise((resolve) => {
    const out = fields();
    let parser: busboy.Busboy;
    try {
      parser = busboy({ headers: { 'content-type': contentType }, limits: { parts: MAX_BODY_FIELDS, fields: MAX_BODY_FIELDS, files: MAX_BODY_FIELDS } });
    } catch {
      resolve(out);
      return;
    }
    parser.on('field', (name, value) => addField(out, name, value));
    parser.on('file', (name, file, info) => {
      const part = { filename: info.filename ?? null, size: 0 };
      addField(out, name, part);
      file.on('data', (chunk: Buffer) => {
        part.size += chunk.length;
      });
      file.on('error', () => undefined);
    });
    parser.once('partsLimit', () => notes.push(`body: more than ${MAX_BODY_FIELDS} parts; the first ${MAX_BODY_FIELDS} kept`));
    // A truncated form ends early: keep the fields read so far.
    parser.on('close', () => resolve(out));
    parser.on('error', () => resolve(out));
    parser.end(data);
  });
}

/** The JSON value of a whole body, or of the complete part of a truncated one; undefined when there is none. */
function jsonValue(text: string, truncated: boolean): unknown {
  const source = truncated ? closeJsonPrefix(text) : text;
  if (source === null) return undefined;
  try {
    return JSON.parse(source);
  } catch {
    return undefined;
  }
}

/**
 * Understands JSON, form-encoded and multipart bodies; anything else is kept as its size only. Every
 * value is bounded here, once: at most MAX_BODY_DEPTH levels and MAX_BODY_FIELDS values, objects
 * without prototypes, nothing the log cannot represent. What was cut is said in `notes`.
 */
export async function parseBody(data: Buffer, { contentType = '', size = data.length, truncated = false }: ParseBodyOptions = {}): Promise<CapturedBody> {
  const notes: string[] = [];
  const base = { size, truncated, notes };
  if (size === 0) return { kind: 'none', value: null, ...base };
  const type = contentType.toLowerCase();
  let kind: CapturedBody['kind'] = 'text';
  let value: unknown;
  if (type.includes('json')) {
    value = jsonValue(data.toString('utf8'), truncated);
    if (value !== undefined) kind = 'json';
  } else if (type.startsWith('application/x-www-form-urlencoded')) {
    kind = 'form';
    value = formFields(data.toString('utf8'), notes);
  } else if (type.startsWith('multipart/form-data')) {
    kind = 'multipart';
    value = await parseMultipart(data, contentType, notes);
  }
  if (value === undefined) return { kind: 'text', value: null, ...base };
  // Form and multipart bodies are flat and already capped by count.
  const bounded = representable(value, { maxDepth: MAX_BODY_DEPTH, maxValues: kind === 'json' ? MAX_BODY_FIELDS : Infinity, root: 'body' });
  notes.push(...bounded.notes);
  return { kind, value: bounded.value, ...base };
}
