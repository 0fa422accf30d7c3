// @vitest-environment happy-dom
import { cleanup, fireEvent, render } from '@testing-library/preact';
import { useRef } from 'preact/hooks';
import { fetch as nodeFetch } from 'undici';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { AUDIT_LOG_SOURCE } from '../../../../shared/entry.ts';
import { ApiClient } from '../../../../extension/api/client.ts';
import { useDrilldown } from '../../../../extension/hooks/useDrilldown.ts';
import { useSearch } from '../../../../extension/hooks/useSearch.ts';
import { draft, startAdminFixture, type AdminFixture } from '../../../helpers/admin-api.ts';

let fx: AdminFixture;
let client: ApiClient;

beforeAll(async () => {
  fx = await startAdminFixture({
    // No search stands long enough to be logged by the pause here: only commits log.
    searchCommitPauseMs: 600_000,
    entries: [
      draft({ action: 'Updated student Maria Garcia: level', records: [{ type: 'student', id: '1', name: 'Maria Garcia', op: 'update', link: null, changes: [] }] }),
      draft({ action: 'Updated student Jane Smith: level' }),
    ],
  });
  // Node's own fetch: the admin server is real, and happy-dom's fetch would apply a page's CORS rules.
  client = new ApiClient({ baseUrl: fx.url, token: fx.adminToken, fetch: nodeFetch as unknown as typeof fetch });
});
afterAll(() => fx?.close());
afterEach(cleanup);

/** What the searches logged so far, read from the store itself. */
async function logged(): Promise<string[]> {
  const out: string[] = [];
  for await (const e of fx.store.readSeq(1)) if (e.source === AUDIT_LOG_SOURCE && e.verb === 'search') out.push(/for "(.*?)"/.exec(e.action)![1]!);
  return out;
}

function Harness({ q }: { q: string }) {
  const search = useSearch(client, { q });
  const scroller = useRef<HTMLDivElement>(null);
  const { open } = useDrilldown(scroller);
  return (
    <div ref={scroller}>
      <output data-testid="state">{search.loading ? 'loading' : `${q}:${search.total}`}</output>
      {search.entries.map((e) => (
        <button key={e.id} onClick={() => open(e)}>
          {e.action}
        </button>
      ))}
    </div>
  );
}

describe('useSearch: one audit entry per committed search', () => {
  it('typing searches as you type but logs only what the admin commits: Enter, then opening a result', async () => {
    const view = render(<Harness q="" />);
    for (const q of ['g', 'ga', 'garc', 'garcia']) {
      view.rerender(<Harness q={q} />);
      await expect.poll(() => view.getByTestId('state').textContent, { timeout: 5000 }).toMatch(new RegExp(`^${q}:`));
    }
    expect(view.getByTestId('state').textContent).toBe('garcia:1');
    fireEvent.keyDown(document.activeElement ?? document.body, { key: 'Enter' });
    fireEvent.keyDown(document.body, { key: 'Enter' });
    await expect.poll(logged, { timeout: 5000 }).toEqual(['garcia']);

    view.rerender(<Harness q="jane smith" />);
    await expect.poll(() => view.getByTestId('state').textContent, { timeout: 5000 }).toBe('jane smith:1');
    fireEvent.click(view.getByRole('button', { name: 'Updated student Jane Smith: level' }));
    await expect.poll(logged, { timeout: 5000 }).toEqual(['garcia', 'jane smith']);
  });
});
