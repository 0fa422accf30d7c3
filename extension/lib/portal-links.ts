import type { Facets } from '../../shared/api.ts';

/**
 * The absolute URL of a record's page: the rule's link path against the portal the entry came through.
 * Entries from a face with no portal URL (e.g. the Audit Log) fall back to the first portal, since the
 * record lives in the same application.
 */
export function recordPageUrl(link: string | null, source: string, portals: Facets['portals']): string | null {
  if (!link) return null;
  const portal = portals.find((p) => p.source === source) ?? portals[0];
  if (!portal) return null;
  try {
    return new URL(link, portal.url).toString();
  } catch {
    return null;
  }
}
