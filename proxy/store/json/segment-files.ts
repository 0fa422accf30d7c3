import { readdir } from 'node:fs/promises';
import { join } from 'node:path';

/** Segments are named after the UTC day they were written on, so name order is seq order. */
const SEGMENT_NAME = /^\d{4}-\d{2}-\d{2}\.jsonl$/;

export function logDir(dataDir: string): string {
  return join(dataDir, 'log');
}

/** The UTC day of an instant, YYYY-MM-DD. */
export function utcDay(at: Date | number): string {
  return new Date(at).toISOString().slice(0, 10);
}

export function segmentName(day: string): string {
  return `${day}.jsonl`;
}

export function segmentDay(name: string): string {
  return name.slice(0, 10);
}

/** Segment file names in the log folder, oldest first; an absent folder has none. */
export async function listSegments(dataDir: string): Promise<string[]> {
  try {
    return (await readdir(logDir(dataDir))).filter((name) => SEGMENT_NAME.test(name)).sort();
  } catch (err) {
    // No log folder yet, or its path taken by a file: there are no segments to read.
    if (['ENOENT', 'ENOTDIR'].includes((err as NodeJS.ErrnoException).code ?? '')) return [];
    throw err;
  }
}
