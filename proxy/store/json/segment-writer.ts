import { join } from 'node:path';
import { syncFolder } from '../../fs/atomic-write.ts';
import { createAppendFile, type AppendFile } from './append-file.ts';
import { segmentDay, segmentName } from './segment-files.ts';

export interface SegmentWriterOptions {
  /** The log folder. Required. */
  dir: string;
  /** Segment names by number, shared with the readers; the writer appends new days to it. Required. */
  segments: string[];
  /** Bytes already in the newest segment. Default 0. */
  lastSize?: number;
}

export interface SegmentWriter {
  /** Opens the segment that `day`'s entries go to, so an intent is refused when its entry could not be written. */
  prepare(day: string): Promise<void>;
  /** Appends lines to the segment of `day` (never to an older day than the newest segment). */
  write(day: string, data: Buffer): Promise<{ segment: number; offset: number }>;
  /** Syncs every segment written since the last commit, and the folder when a segment was created. */
  sync(): Promise<void>;
  commit(): void;
  /** Cuts every segment touched since the last commit back to its acknowledged length. */
  rollback(): Promise<void>;
  close(): Promise<void>;
}

interface Current {
  number: number;
  day: string;
  file: AppendFile;
}

/** The single writer of the day segments: one file per UTC day, appended to only. */
export function createSegmentWriter({ dir, segments, lastSize = 0 }: SegmentWriterOptions): SegmentWriter {
  const last = segments.at(-1);
  let current: Current | null = last ? { number: segments.length - 1, day: segmentDay(last), file: createAppendFile(join(dir, last), lastSize) } : null;
  const touched = new Set<AppendFile>();
  let createdFile = false;

  /** Starts the segment of `day`; returns it, now current. */
  async function roll(day: string): Promise<Current> {
    if (current) {
      // The old day is synced before the next begins, so a crash leaves a gap-free prefix.
      await current.file.sync();
      await current.file.close();
    }
    const name = segmentName(day);
    segments.push(name);
    current = { number: segments.length - 1, day, file: createAppendFile(join(dir, name)) };
    createdFile = true;
    return current;
  }

  return {
    async prepare(day) {
      const target = !current || day > current.day ? await roll(day) : current;
      await target.file.open();
    },
    async write(day, data) {
      const target = !current || day > current.day ? await roll(day) : current;
      touched.add(target.file);
      const offset = await target.file.write(data);
      return { segment: target.number, offset };
    },
    async sync() {
      await Promise.all([...touched].map((file) => file.sync()));
      if (createdFile) {
        await syncFolder(dir);
      }
    },
    commit() {
      for (const file of touched) file.commit();
      touched.clear();
      createdFile = false;
    },
    async rollback() {
      for (const file of touched) {
        await file.rollback();
        if (file !== current?.file) await file.close();
      }
      touched.clear();
    },
    close: async () => current?.file.close(),
  };
}
