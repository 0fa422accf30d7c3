import { describe, expect, it, onTestFinished } from 'vitest';
import { parseTarget } from '../../../proxy/capture/path-normalise.ts';
import { captureSteps, createPipeline } from '../../../proxy/capture/pipeline.ts';
import { createForwarder } from '../../../proxy/server/forward.ts';
import { createRecordedHandler, ShutdownError } from '../../../proxy/server/recorded-request.ts';
import type { CountingUpstream } from '../../helpers/counting-upstream.ts';
import { fakeContext } from '../../helpers/fake-flow.ts';
import { sendRaw } from '../../helpers/raw-client.ts';
import { listenForTest, upstreamForTest } from '../../helpers/servers-for-test.ts';
import { openStore, scratchDataDir } from '../../helpers/temp-store.ts';

/** The handler behind a real listener, over a real store; `signal` lets a test stop it as a shutdown would. */
async function rig(upstream: CountingUpstream, options: { answerTimeoutMs?: number } = {}) {
  const store = await openStore(await scratchDataDir());
  let closed = false;
  onTestFinished(() => (closed ? undefined : store.close()));
  const ctx = fakeContext();
  const handler = createRecordedHandler({
    forwarder: createForwarder({ target: upstream.url, ...options }),
    store,
    pipeline: createPipeline({ steps: captureSteps({ config: ctx.config, defaultSource: 'Office Portal' }) }),
    ctx,
    limit: 1024,
    onStoreError: () => undefined,
  });
  const stop = new AbortController();
  const url = await listenForTest((req, res) => {
    handler.handle(req, res, parseTarget(req.url ?? '/'), stop.signal).catch(() => res.destroy());
  });
  const entries = async () => {
    const out = [];
    for await (const entry of store.readSeq(1)) out.push(entry);
    return out;
  };
  const close = async () => {
    closed = true;
    await store.close();
  };
  return { url, store, close, stop, entries, accepting: handler.accepting };
}

describe('createRecordedHandler', () => {
  it("releases the portal's answer only after its entry is durable", async () => {
    const upstream = await upstreamForTest();
    const { url, store } = await rig(upstream);
    const order: string[] = [];
    store.subscribe(() => order.push('entry'));
    const answer = await sendRaw(url, '/api/students', { method: 'POST', body: '{}' });
    order.push('answer');
    expect(answer.status).toBe(201);
    expect(order).toEqual(['entry', 'answer']);
  });

  it('answers 504 and logs outcome failure when the portal does not answer in time', async () => {
    const upstream = await upstreamForTest(() => undefined);
    const { url, entries } = await rig(upstream, { answerTimeoutMs: 100 });
    expect((await sendRaw(url, '/api/students', { method: 'POST', body: '{}' })).status).toBe(504);
    expect(await entries()).toEqual([expect.objectContaining({ status: null, outcome: 'failure' })]);
  });

  it('cut short by a stop: answers 503 saying so and logs outcome unknown', async () => {
    const upstream = await upstreamForTest(() => undefined);
    const { url, stop, entries } = await rig(upstream);
    const pending = sendRaw(url, '/api/students', { method: 'POST', body: '{}' });
    await expect.poll(() => upstream.received.length).toBe(1);
    stop.abort(new ShutdownError('the grace period is over'));
    const answer = await pending;
    expect(answer.status).toBe(503);
    expect(answer.json().error).toMatch(/stopped before the portal answered/);
    expect(await entries()).toEqual([expect.objectContaining({ status: null, outcome: 'unknown' })]);
  });

  it('accepts changes while the store is writable and no answer waits for its entry', async () => {
    const upstream = await upstreamForTest();
    const { accepting, close } = await rig(upstream);
    expect(accepting()).toBe(true);
    await close();
    expect(accepting()).toBe(false);
  });
});
