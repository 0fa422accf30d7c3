// @vitest-environment happy-dom
import { cleanup, render, screen } from '@testing-library/preact';
import { afterEach, describe, expect, it } from 'vitest';
import { useLatestRequest } from '../../../../extension/hooks/useLatestRequest.ts';

/** A request the test answers by hand, when it likes, whatever its signal says (as a server that answers late does). */
interface Held {
  query: string;
  signal: AbortSignal;
  answer: (text: string) => void;
  fail: (error: Error) => void;
}

function harness(options: { keep?: boolean; debounceMs?: number } = {}) {
  const held: Held[] = [];
  const request = (query: string) => (signal: AbortSignal) =>
    new Promise<string>((answer, fail) => {
      held.push({ query, signal, answer, fail });
    });
  function View({ query }: { query: string }) {
    const { data, error, loading } = useLatestRequest(request(query), [query], options);
    return <output data-testid="shown">{`${data ?? '-'}|${error ?? '-'}|${loading ? 'loading' : 'idle'}`}</output>;
  }
  return { held, View };
}

const shown = () => screen.getByTestId('shown').textContent;

/** The view asks for "a", then for "b" once "a" is on its way: the requests held, "a"'s replaced by "b"'s. */
async function replacedOnce(): Promise<Held[]> {
  const { held, View } = harness();
  const view = render(<View query="a" />);
  await expect.poll(() => held.length).toBe(1);
  view.rerender(<View query="b" />);
  await expect.poll(() => held.length).toBe(2);
  return held;
}

describe('useLatestRequest', () => {
  afterEach(cleanup);

  it('aborts the request before when a new one starts, and its late answer never shows', async () => {
    const held = await replacedOnce();
    const [a, b] = held;
    expect(a?.signal.aborted).toBe(true);
    expect(b?.signal.aborted).toBe(false);

    // The answer for "a" comes while "b" is on its way: nothing of it shows.
    a?.answer('answer to a');
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(shown()).toBe('-|-|loading');
    b?.answer('answer to b');
    await expect.poll(shown).toBe('answer to b|-|idle');
  });

  it('drops the failure of a replaced request too, and shows the failure of the latest one', async () => {
    const held = await replacedOnce();
    held[0]?.fail(new Error('a failed'));
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(shown()).toBe('-|-|loading');
    held[1]?.fail(new Error('b failed'));
    await expect.poll(shown).toBe('-|b failed|idle');
  });

  it('with keep, the answer shown stays, marked loading, until the next one comes', async () => {
    const { held, View } = harness({ keep: true });
    const view = render(<View query="a" />);
    await expect.poll(() => held.length).toBe(1);
    held[0]?.answer('answer to a');
    await expect.poll(shown).toBe('answer to a|-|idle');
    view.rerender(<View query="b" />);
    await expect.poll(shown).toBe('answer to a|-|loading');
    await expect.poll(() => held.length).toBe(2);
    held[1]?.answer('answer to b');
    await expect.poll(shown).toBe('answer to b|-|idle');
  });

  it('with a debounce, the first request starts at once and one replaced within the delay is never sent', async () => {
    const { held, View } = harness({ debounceMs: 100 });
    const view = render(<View query="a" />);
    await expect.poll(() => held.length).toBe(1);
    view.rerender(<View query="ab" />);
    view.rerender(<View query="abc" />);
    await expect.poll(() => held.map((h) => h.query)).toEqual(['a', 'abc']);
  });

  it('aborts the request on its way when the view goes away', async () => {
    const { held, View } = harness();
    const view = render(<View query="a" />);
    await expect.poll(() => held.length).toBe(1);
    view.unmount();
    await expect.poll(() => held[0]?.signal.aborted).toBe(true);
  });
});
