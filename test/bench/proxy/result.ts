// What bench:proxy hands to `npm run bench` (its --json file): medians over the rounds, per cell.

export interface ProxyRow {
  concurrency: number;
  method: 'POST' | 'PUT' | 'GET';
  plainRps: number;
  auditRps: number;
  /** Portal Audit req/s ÷ http-proxy req/s, taken in the same round, median over rounds. */
  ratio: number;
  plainP50: number;
  auditP50: number;
  /** Portal Audit p50 − http-proxy p50 in the same round, ms, median over rounds. */
  addedP50: number;
  /** CPU time of the proxy's process per request (user + system), µs: what the proxy itself spends. */
  plainCpuUs: number;
  auditCpuUs: number;
  roundsPerRequest: number;
  fsyncsPerRequest: number;
}

export interface ProxyBenchResult {
  rounds: number;
  /** Median duration of one FileHandle.sync on this disk during the last round, ms. */
  fsyncMs: number;
  rows: ProxyRow[];
  /** Cells with answers outside 2xx: a bench that measured errors would mean nothing. */
  failures: string[];
}

export function median(values: readonly number[]): number {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 === 1 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}
