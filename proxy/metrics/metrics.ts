import { readdir, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { Counter, Gauge, Histogram, Registry } from 'prom-client';
import type { LookupKind } from '../capture/flow.ts';
import type { Store } from '../store/store.ts';

/** Seconds, from a sub-millisecond fsync on a fast disk to a slow portal. */
const LATENCY_BUCKETS = [0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];

export interface MetricsOptions {
  /** The store whose entries, size, sync rounds and open intents are shown. Required. */
  store: Store;
  /** Where the JSON store keeps its day segments, for `portal_audit_store_bytes`. Default: none (the gauge stays 0). */
  logDir?: string;
}

/**
 * What an operator graphs: one prom-client Registry per running instance (never the global one, so two
 * instances in one process keep apart). Listeners and the store wrapper report into it; the admin API's
 * `/metrics` renders it.
 */
export function createMetrics({ store, logDir }: MetricsOptions) {
  const registry = new Registry();
  const registers = [registry];
  const requests = new Counter({
    name: 'portal_audit_requests_total',
    help: 'Requests answered on the portal listeners, by listener source and outcome (failure: status 400 or above)',
    labelNames: ['source', 'outcome'] as const,
    registers,
  });
  const recorded = new Counter({
    name: 'portal_audit_entries_recorded_total',
    help: 'Entries made durable, by source and outcome',
    labelNames: ['source', 'outcome'] as const,
    registers,
  });
  const storeWrites = new Histogram({
    name: 'portal_audit_store_append_seconds',
    help: 'Time until the store had a write on disk (fsync included): op intend (before forwarding) or append (the entry)',
    labelNames: ['op'] as const,
    buckets: LATENCY_BUCKETS,
    registers,
  });
  const commits = new Histogram({
    name: 'portal_audit_commit_seconds',
    help: 'For each recorded request, from the portal answer (or its failure) until the entry was durable: what recording adds to an answer',
    buckets: LATENCY_BUCKETS,
    registers,
  });
  const upstreamErrors = new Counter({
    name: 'portal_audit_upstream_errors_total',
    help: 'Forwarded requests the portal failed: kind timeout (connect or answer) or error (refused, reset, TLS verification)',
    labelNames: ['source', 'kind'] as const,
    registers,
  });
  const lookups = new Counter({
    name: 'portal_audit_lookups_total',
    help: 'Lookups at the portal for snapshots and nameFrom, by outcome: found (2xx), missing (other status), error (no answer)',
    labelNames: ['kind', 'outcome'] as const,
    registers,
  });
  const lookupLatency = new Histogram({
    name: 'portal_audit_lookup_seconds',
    help: 'Latency of lookups at the portal (snapshot, nameFrom)',
    labelNames: ['kind'] as const,
    buckets: LATENCY_BUCKETS,
    registers,
  });
  /** Request ids whose intent is durable and whose entry is not yet (bounded by the requests in flight). */
  const openIntents = new Set<string>();
  new Gauge({
    name: 'portal_audit_open_intents',
    help: 'Requests forwarded (intent durable) whose entry is not yet appended',
    registers,
    collect() {
      this.set(openIntents.size);
    },
  });
  new Gauge({
    name: 'portal_audit_store_entries',
    help: 'Sequence number of the newest entry (entries ever appended)',
    registers,
    collect() {
      this.set(store.head().seq);
    },
  });
  new Counter({
    name: 'portal_audit_store_sync_rounds_total',
    help: 'Write-and-fsync rounds of the store (concurrent writes share rounds)',
    registers,
    collect() {
      const rounds = (store as Partial<{ stats(): { syncRounds: number } }>).stats?.().syncRounds ?? 0;
      this.reset();
      this.inc(rounds);
    },
  });
  new Gauge({
    name: 'portal_audit_store_writable',
    help: '1 while the store takes entries, 0 while mutations are refused (disk full, read-only)',
    registers,
    collect() {
      this.set(store.writable() ? 1 : 0);
    },
  });
  new Gauge({
    name: 'portal_audit_store_bytes',
    help: 'Bytes of the log segments on disk',
    registers,
    async collect() {
      this.set(logDir ? await folderBytes(logDir) : 0);
    },
  });

  const since = (start: bigint) => Number(process.hrtime.bigint() - start) / 1e9;

  return {
    registry,
    /** A listener answered a request (status sent to the client). */
    answered(source: string, status: number) {
      requests.inc({ source, outcome: status >= 400 ? 'failure' : 'success' });
    },
    /** The forwarder gave up on the portal. */
    upstreamFailed(source: string, kind: 'timeout' | 'error') {
      upstreamErrors.inc({ source, kind });
    },
    /** Starts a clock; call the result once the recorded request's entry is durable. */
    commitTimer() {
      const start = process.hrtime.bigint();
      return () => commits.observe(since(start));
    },
    /** Wraps a lookup function so each call is counted and timed. */
    async lookup<T extends { status: number } | null>(kind: LookupKind, run: () => Promise<T>): Promise<T> {
      const start = process.hrtime.bigint();
      const found = await run();
      lookupLatency.observe({ kind }, since(start));
      lookups.inc({ kind, outcome: !found ? 'error' : found.status >= 200 && found.status < 300 ? 'found' : 'missing' });
      return found;
    },
    /** The same store, its intents and appends timed and counted. */
    instrument(inner: Store): Store {
      const timed = async <T>(op: 'intend' | 'append', run: () => Promise<T>) => {
        const start = process.hrtime.bigint();
        const out = await run();
        storeWrites.observe({ op }, since(start));
        return out;
      };
      const overrides: Partial<Store> = {
        intend: async (draft) => {
          await timed('intend', () => inner.intend(draft));
          openIntents.add(draft.requestId);
        },
        abandon: async (requestId) => {
          await inner.abandon(requestId);
          openIntents.delete(requestId);
        },
        append: async (draft) => {
          const entry = await timed('append', () => inner.append(draft));
          openIntents.delete(draft.requestId);
          // Counted here, not by subscribing: subscribers also hear of entries other replicas wrote.
          recorded.inc({ source: entry.source, outcome: entry.outcome });
          return entry;
        },
      };
      // Everything else (and driver extras such as stats()) goes to the store itself, bound to it.
      return new Proxy(inner, {
        get(target, key, receiver) {
          if (key in overrides) return overrides[key as keyof Store];
          const value: unknown = Reflect.get(target, key, receiver);
          return typeof value === 'function' ? (value as (...args: unknown[]) => unknown).bind(target) : value;
        },
      });
    },
    /** The Prometheus text exposition and its content type. */
    async render(): Promise<{ contentType: string; text: string }> {
      return { contentType: registry.contentType, text: await registry.metrics() };
    },
  };
}
export type Metrics = ReturnType<typeof createMetrics>;

/** Sum of file sizes directly in a folder (the day segments: one per day, bounded by retention). */
async function folderBytes(dir: string): Promise<number> {
  let total = 0;
  for (const name of await readdir(dir).catch(() => [] as string[])) {
    total += (await stat(join(dir, name)).catch(() => ({ size: 0 }))).size;
  }
  return total;
}
