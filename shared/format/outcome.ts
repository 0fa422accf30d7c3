import type { Entry } from '../entry.ts';

/**
 * The short mark a failed or denied action wears in the results ("403 denied", "422 failed"), so it
 * cannot be mistaken for a change that happened; null for a success.
 */
export function outcomeBadge(entry: Pick<Entry, 'outcome' | 'status'>): string | null {
  if (entry.outcome === 'success') return null;
  if (entry.outcome === 'unknown') return 'outcome unknown';
  if (entry.status === null) return 'failed';
  return `${entry.status} ${entry.status === 401 || entry.status === 403 ? 'denied' : 'failed'}`;
}
