import { useEffect, useState } from 'preact/hooks';
import browser from 'webextension-polyfill';
import { ErrorState } from '../components/ErrorState.tsx';
import { PageToolbar } from '../components/PageToolbar.tsx';
import { SearchControls } from '../components/SearchControls.tsx';
import { SearchOutcome } from '../components/SearchOutcome.tsx';
import { WitnessBanner } from '../components/WitnessBanner.tsx';
import { useLogWitness } from '../hooks/useLogWitness.ts';
import { useResultActions } from '../hooks/useResultActions.ts';
import { useSearchPage } from '../hooks/useSearchPage.ts';
import { detach } from '../lib/detach.ts';
import { openSidebar } from '../lib/sidebar.ts';

/** The toolbar popup: a quick look at the log as cards, Copy included, with a way into the roomier sidebar. */
export function PopupApp() {
  const page = useSearchPage();
  const actions = useResultActions(page);
  const witness = useLogWitness(page.client);
  const [windowId, setWindowId] = useState<number>();
  const [sidebarError, setSidebarError] = useState<string | null>(null);

  // Known before the click: opening the sidebar must happen synchronously inside the user gesture.
  useEffect(() => {
    detach(browser.windows.getCurrent().then((w) => setWindowId(w.id)));
  }, []);

  return (
    <main class="popup">
      <PageToolbar>
        <button
          type="button"
          onClick={() => {
            // The query is already in storage (every edit is saved), so the sidebar opens on it.
            openSidebar(windowId).then(
              () => window.close(),
              (error: unknown) => setSidebarError(String(error instanceof Error ? error.message : error)),
            );
          }}
        >
          Open in sidebar
        </button>
      </PageToolbar>
      <WitnessBanner status={witness} />
      {sidebarError && <ErrorState message={sidebarError} />}
      <SearchControls state={page.state} facets={page.facets} parsed={page.problem ? null : page.shown.parsed} onChange={page.update} />
      <SearchOutcome page={page} actions={actions} layout="cards" />
    </main>
  );
}
