import { useCallback, useMemo } from 'preact/hooks';
import type { Entry } from '../../shared/entry.ts';
import { searchQueryString } from '../../shared/api.ts';
import type { DownloadCsv } from '../components/ResultsPanel.tsx';
import { downloadToFile } from '../lib/download.ts';
import { dayIn } from '../lib/zoned-time.ts';
import type { useSearchPage } from './useSearchPage.ts';

/**
 * What popup and sidebar do with results: report copies (they are audited), download every match as
 * CSV through the browser's downloads (only for roles that may export), check whether a drilled-into
 * record was deleted since; and the facets the results are shown with until the real ones arrive.
 */
export function useResultActions({ client, params, facets, timezone, role, shown }: ReturnType<typeof useSearchPage>) {
  const reportCopy = useCallback(
    async (entries: readonly Entry[]) => {
      if (!client || !params) return;
      await client.reportAuditEvent({
        kind: 'copy',
        count: entries.length,
        query: searchQueryString(params).slice(0, 2000),
        entryIds: entries.slice(0, 500).map((e) => e.id),
      });
    },
    [client, params],
  );

  const total = shown.total;
  const downloadCsv = useMemo<DownloadCsv | undefined>(() => {
    if (!client || !params || role !== 'admin') return undefined;
    return (onProgress, signal) => {
      const { url, headers } = client.exportCsvRequest(params);
      const zone = timezone ?? 'UTC';
      const of = `${total.toLocaleString('en-US')} ${total === 1 ? 'match' : 'matches'}`;
      return downloadToFile({ url, headers, fileName: `portal-audit-${dayIn(new Date(), zone)}.csv`, signal, onProgress: (text) => onProgress(`${text} (${of})`) });
    };
  }, [client, params, role, timezone, total]);

  const recordDeleted = useMemo(() => (client ? (type: string, id: string) => client.recordDeleted(type, id) : undefined), [client]);

  return {
    facets: facets ?? { portals: [], timezone: timezone ?? 'UTC', dateOrder: 'MDY' as const },
    panel: { reportCopy, downloadCsv, recordDeleted },
  };
}
