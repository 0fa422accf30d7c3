import { readFile } from 'node:fs/promises';
import { writeFileAtomic } from '../fs/atomic-write.ts';

type NumberArray = Uint32Array | Int32Array | Float64Array | Uint8Array;
const KINDS = { u32: Uint32Array, i32: Int32Array, f64: Float64Array, u8: Uint8Array } as const;
type Kind = keyof typeof KINDS;

interface Header {
  json: Record<string, unknown>;
  arrays: Record<string, { kind: Kind; offset: number; length: number }>;
}

/** Every array starts on a multiple of 8 so it can be viewed in place, without a copy. */
const ALIGN = 8;
const MAGIC = 'portal-audit search index\n';

function kindOf(array: NumberArray): Kind {
  if (array instanceof Uint32Array) return 'u32';
  if (array instanceof Int32Array) return 'i32';
  if (array instanceof Float64Array) return 'f64';
  return 'u8';
}

/**
 * Collects named JSON values and typed arrays into one file: a JSON header, then the arrays'
 * bytes. Reading it back is one file read and a view per array, which is what lets a million-entry
 * index be ready in about a second instead of being rebuilt from every entry. The views share the
 * file's buffer; the index's loaders copy each array once into one with room to grow.
 */
export class SnapshotWriter {
  private readonly header: Header = { json: {}, arrays: {} };
  private readonly chunks: NumberArray[] = [];
  private bytes = 0;

  json(name: string, value: unknown): void {
    this.header.json[name] = value;
  }

  array(name: string, array: NumberArray): void {
    this.header.arrays[name] = { kind: kindOf(array), offset: this.bytes, length: array.length };
    this.chunks.push(array);
    this.bytes += Math.ceil(array.byteLength / ALIGN) * ALIGN;
  }

  /** Replaces the file whole (see writeFileAtomic): a crash leaves the old snapshot or the new one, never half. */
  async writeTo(path: string): Promise<void> {
    const head = Buffer.from(`${MAGIC}${JSON.stringify(this.header)}\n`);
    const prefix = Math.ceil((head.length + 8) / ALIGN) * ALIGN;
    const lengthField = Buffer.alloc(prefix - head.length);
    lengthField.writeUInt32LE(prefix, 0);
    const parts: Uint8Array[] = [lengthField, head];
    for (const chunk of this.chunks) {
      parts.push(new Uint8Array(chunk.buffer, chunk.byteOffset, chunk.byteLength));
      const padding = Math.ceil(chunk.byteLength / ALIGN) * ALIGN - chunk.byteLength;
      if (padding > 0) parts.push(Buffer.alloc(padding));
    }
    // A lost rename only costs a rebuild, so the folder is not synced.
    await writeFileAtomic(path, parts, { syncFolder: false });
  }
}

export class SnapshotReader {
  private constructor(
    private readonly header: Header,
    private readonly body: ArrayBuffer,
    private readonly bodyOffset: number,
  ) {}

  /** The snapshot at `path`, or null when there is none or it is not one (then the index is rebuilt). */
  static async read(path: string): Promise<SnapshotReader | null> {
    let file: Buffer;
    try {
      file = await readFile(path);
    } catch {
      return null;
    }
    if (file.length < 8) return null;
    if (file.byteOffset % ALIGN !== 0) {
      // A pooled (small) buffer may start anywhere; typed-array views need their own aligned memory.
      const aligned = new Uint8Array(file.length);
      aligned.set(file);
      file = Buffer.from(aligned.buffer);
    }
    const prefix = file.readUInt32LE(0);
    if (prefix > file.length) return null;
    // The header follows the length field and its zero padding.
    const text = file.toString('utf8', 4, prefix);
    const start = text.indexOf(MAGIC);
    if (start === -1) return null;
    try {
      const header = JSON.parse(text.slice(start + MAGIC.length)) as Header;
      return new SnapshotReader(header, file.buffer as ArrayBuffer, file.byteOffset + prefix);
    } catch {
      return null;
    }
  }

  json<T>(name: string): T {
    return this.header.json[name] as T;
  }

  array<K extends Kind>(name: string, kind: K): InstanceType<(typeof KINDS)[K]> {
    const info = this.header.arrays[name];
    if (!info || info.kind !== kind) throw new Error(`search index snapshot has no ${kind} array ${name}`);
    return new KINDS[kind](this.body, this.bodyOffset + info.offset, info.length) as InstanceType<(typeof KINDS)[K]>;
  }
}
