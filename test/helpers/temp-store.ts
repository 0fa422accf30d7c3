import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { onTestFinished } from 'vitest';
import type { Entry, EntryDraft } from '../../shared/entry.ts';
import { createEntryGenerator } from '../../proxy/dev/generate-entries.ts';
import { createJsonStore, type JsonStore, type JsonStoreOptions } from '../../proxy/store/json/json-store.ts';
import { verifyLog, type VerifyOptions } from '../../proxy/store/verify.ts';

/** A fresh data folder under the OS temp dir. */
export function tempDataDir(): Promise<string> {
  return mkdtemp(join(tmpdir(), 'portal-audit-store-'));
}

/** A fresh data folder that is removed when the current test finishes. */
export async function scratchDataDir(): Promise<string> {
  const dir = await tempDataDir();
  onTestFinished(() => rm(dir, { recursive: true, force: true }));
  return dir;
}

/** Opens a JSON store over `dataDir`; notices are collected instead of printed. */
export async function openStore(dataDir: string, options: Partial<JsonStoreOptions> = {}): Promise<JsonStore & { notices: string[] }> {
  const notices: string[] = [];
  const store = createJsonStore({ dataDir, onNotice: (m) => notices.push(m), ...options });
  await store.open();
  return Object.assign(store, { notices });
}

/** Realistic drafts, as capture would hand them over, with the given request ids. */
export function drafts(count: number, { prefix = 'req', at = new Date() }: { prefix?: string; at?: Date } = {}): EntryDraft[] {
  const draftAt = createEntryGenerator({ entries: count, days: 1, end: at });
  return Array.from({ length: count }, (_, i) => ({ ...draftAt(i), at: at.toISOString(), requestId: `${prefix}-${i}` }));
}

/**
 * Writes a log in `dataDir` as the clock passes `days` (YYYY-MM-DD, UTC): `perDay` entries at `time` on
 * each, their request ids prefixed with the day. Answers the entries and the clock, left on the last day.
 */
export async function logOverDays(dataDir: string, days: readonly string[], { perDay, time = '12:00:00.000Z' }: { perDay: number; time?: string }): Promise<{ written: Entry[]; now: () => Date }> {
  let now = new Date(`${days[0]}T${time}`);
  const store = await openStore(dataDir, { now: () => now });
  const written: Entry[] = [];
  for (const day of days) {
    now = new Date(`${day}T${time}`);
    for (const d of drafts(perDay, { prefix: day, at: now })) written.push(await store.append(d));
  }
  await store.close();
  return { written, now: () => now };
}

/** Every entry a store holds, oldest first. */
export async function allEntries(store: { readSeq(from: number): AsyncIterable<Entry> }): Promise<Entry[]> {
  const out: Entry[] = [];
  for await (const entry of store.readSeq(1)) out.push(entry);
  return out;
}

/** Every entry the log in `dataDir` holds, read the way a reader beside the writer would (read-only). */
export async function entriesIn(dataDir: string): Promise<Entry[]> {
  const store = await openStore(dataDir, { readOnly: true });
  try {
    return await allEntries(store);
  } finally {
    await store.close();
  }
}

/** What verify says of the log in `dataDir`, read the way `portal-audit verify` reads it beside a writer (read-only). */
export async function verifyDir(dataDir: string, options: VerifyOptions = {}): ReturnType<typeof verifyLog> {
  const store = await openStore(dataDir, { readOnly: true });
  try {
    return await verifyLog(store, options);
  } finally {
    await store.close();
  }
}
