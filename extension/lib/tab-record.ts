import type { Facets } from '../../shared/api.ts';
import { templateToPattern } from '../../shared/template.ts';

export interface TabRecord {
  type: string;
  id: string;
}

/**
 * Which record a portal page shows: the tab's URL must be on one of the portals, and its path (below
 * the portal's base path) must match a record rule's link template. Several rules can share a page
 * ("/students/{params.id}" for a student, "/students/{body.studentId}" for an enrollment): the rule
 * whose placeholder is the record's own `id` wins, since the others name a related record's page.
 */
export function recordForUrl(tabUrl: string | undefined, facets: Pick<Facets, 'links' | 'portals'>): TabRecord | null {
  const path = portalPath(tabUrl, facets.portals);
  if (path === null) return null;
  let fallback: TabRecord | null = null;
  for (const rule of facets.links) {
    const values = templateToPattern(rule.link)(path);
    if (!values) continue;
    if (values.id) return { type: rule.type, id: values.id };
    const id = Object.values(values).pop();
    if (id && !fallback) fallback = { type: rule.type, id };
  }
  return fallback;
}

/** The URL's path below the base path of the portal it is on, or null when it is on none of them. */
function portalPath(tabUrl: string | undefined, portals: Facets['portals']): string | null {
  let url: URL;
  try {
    url = new URL(tabUrl ?? '');
  } catch {
    return null;
  }
  for (const portal of portals) {
    let base: URL;
    try {
      base = new URL(portal.url);
    } catch {
      continue;
    }
    const basePath = base.pathname.replace(/\/+$/, '');
    if (base.origin === url.origin && url.pathname.startsWith(basePath)) return url.pathname.slice(basePath.length) || '/';
  }
  return null;
}
