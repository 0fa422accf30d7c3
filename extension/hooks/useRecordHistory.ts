import type { ApiClient } from '../api/client.ts';
import type { TabRecord } from '../lib/tab-record.ts';
import { useLatestRequest } from './useLatestRequest.ts';

/** Every entry that touched `record`, newest first; refetched when the record (the tab) changes. */
export function useRecordHistory(client: ApiClient | null, record: TabRecord | null) {
  const { data: history, error, loading } = useLatestRequest(client && record ? (signal) => client.recordHistory(record.type, record.id, signal) : null, [client, record]);
  return { history, error, loading };
}
