import { afterAll, beforeAll, expect, it } from 'vitest';
import { startDemoPortal, type DemoPortal } from '../../proxy/demo/portal/server.ts';
import { runDemoTraffic } from '../../proxy/demo/traffic.ts';

let portal: DemoPortal;
beforeAll(async () => {
  portal = await startDemoPortal({ port: 0 });
});
afterAll(() => portal.close());

it('demo traffic gets the answers it expects from the portal, run after run', async () => {
  const urls = { office: portal.url, staff: portal.url, customer: portal.url };
  for (let run = 0; run < 3; run++) {
    const steps = await runDemoTraffic(urls);
    expect(steps.filter((s) => s.status !== s.expected)).toEqual([]);
    expect(steps.length).toBeGreaterThan(30);
  }
  expect([...portal.state.students.values()].some((s) => s.id === 104)).toBe(false);
  expect([...portal.state.payments.values()].every((p) => p.cardLast4 === null || p.cardLast4.length === 4)).toBe(true);
});
