import type { Facets } from '../../shared/api.ts';
import { templateToPattern } from '../../shared/template.ts';

export interface TabRecord {
  type: string;
  id: string;
}

/**
 * Which record a portal page shows: the tab's URL must be on one of the portals, and its path (below
 * the portal's base path) must match a record rule's link template. The template's `id` placeholder
 * names the record; a template without one uses its last placeholder.
 */
export function recordForUrl(tabUrl: string | undefined, facets: Pick<Facets, 'links' | 'portals'>): TabRecord | null {
  if (!tabUrl) return null;
  let url: URL;
  try {
    url = new URL(tabUrl);
  } catch {
    return null;
  }
  for (const portal of facets.portals) {
    let base: URL;
    try {
      base = new URL(portal.url);
    } catch {
      continue;
    }
    if (base.origin !== url.origin) continue;
    const basePath = base.pathname.replace(/\/+$/, '');
    if (!url.pathname.startsWith(basePath)) continue;
    const path = url.pathname.slice(basePath.length) || '/';
    for (const rule of facets.links) {
      const values = templateToPattern(rule.link)(path);
      if (!values) continue;
      const id = values.id ?? Object.values(values).pop();
      if (id) return { type: rule.type, id };
    }
  }
  return null;
}
