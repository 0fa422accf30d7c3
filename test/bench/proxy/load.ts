// The client side of bench:proxy, in its own process so that the load generator does not share an
// event loop with the proxy it measures. The parent sends one cell at a time; the answer is its figures.
import http from 'node:http';

export interface Cell {
  url: string;
  method: 'GET' | 'PUT' | 'POST';
  concurrency: number;
  requests: number;
}

export interface CellResult {
  requests: number;
  rps: number;
  p50: number;
  p95: number;
  /** Answers outside 2xx, and requests that got no answer: a bench that silently measured 503s would mean nothing. */
  failures: number;
}

/** One request on a keep-alive agent; resolves with its status once the whole answer was read. */
function once(agent: http.Agent, cell: Cell, i: number): Promise<number> {
  // Alternate two students and vary the field, so every PUT through Portal Audit has a real diff; a
  // POST adds a student (a recorded create with no snapshot: the portal's answer names the record).
  const path = cell.method === 'POST' ? '/api/students' : `/api/students/${1 + (i % 2)}`;
  const body = cell.method === 'PUT' ? JSON.stringify({ level: `Level ${i % 50}` }) : cell.method === 'POST' ? JSON.stringify({ firstName: `Bench ${i}`, lastName: 'Student' }) : undefined;
  const headers = body ? { 'content-type': 'application/json', 'content-length': String(Buffer.byteLength(body)) } : {};
  return new Promise((resolve) => {
    const req = http.request(`${cell.url}${path}`, { method: cell.method, agent, headers }, (res) => {
      res.resume();
      res.on('end', () => resolve(res.statusCode ?? 0));
      res.on('error', () => resolve(0));
    });
    // A reset (a keep-alive socket the server closed as it was reused) is a failed request, counted, not the end of the bench.
    req.on('error', () => resolve(0));
    req.end(body);
  });
}

async function run(cell: Cell): Promise<CellResult> {
  const agent = new http.Agent({ keepAlive: true, maxSockets: cell.concurrency });
  const latencies: number[] = [];
  let next = 0;
  let failures = 0;
  const worker = async () => {
    while (next < cell.requests) {
      const i = next++;
      const started = performance.now();
      const status = await once(agent, cell, i);
      latencies.push(performance.now() - started);
      if (status < 200 || status > 299) failures++;
    }
  };
  const started = performance.now();
  await Promise.all(Array.from({ length: cell.concurrency }, worker));
  const seconds = (performance.now() - started) / 1000;
  agent.destroy();
  latencies.sort((a, b) => a - b);
  const at = (q: number) => latencies[Math.min(latencies.length - 1, Math.floor(q * latencies.length))]!;
  return { requests: cell.requests, rps: cell.requests / seconds, p50: at(0.5), p95: at(0.95), failures };
}

process.on('message', (cell: Cell) => {
  run(cell).then(
    (result) => process.send!(result),
    (err: Error) => process.send!({ error: err.message }),
  );
});
