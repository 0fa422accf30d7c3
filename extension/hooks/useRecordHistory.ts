import { useEffect, useState } from 'preact/hooks';
import type { RecordHistoryResponse } from '../../shared/api.ts';
import { failureMessage, type ApiClient } from '../api/client.ts';
import type { TabRecord } from '../lib/tab-record.ts';

/** Every entry that touched `record`, newest first; refetched when the record (the tab) changes. */
export function useRecordHistory(client: ApiClient | null, record: TabRecord | null) {
  const [history, setHistory] = useState<RecordHistoryResponse | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [loading, setLoading] = useState(false);

  useEffect(() => {
    setHistory(null);
    setError(null);
    if (!client || !record) return;
    const controller = new AbortController();
    setLoading(true);
    client.recordHistory(record.type, record.id, controller.signal).then(
      (loaded) => {
        setHistory(loaded);
        setLoading(false);
      },
      (failure: unknown) => {
        if (controller.signal.aborted) return;
        setError(failureMessage(failure));
        setLoading(false);
      },
    );
    return () => controller.abort();
  }, [client, record]);

  return { history, error, loading };
}
