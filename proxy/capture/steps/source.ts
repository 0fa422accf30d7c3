import type { SourceRule } from '../../config/schema.ts';
import type { CaptureStep } from '../flow.ts';
import type { PathCase } from '../path-normalise.ts';
import { compileRulePath } from '../route-match.ts';

export interface SourceStepOptions {
  /** The listener's own source, e.g. "Office Portal". Required. */
  defaultSource: string;
  /** Ordered override rules; the first whose every given condition holds wins. Default: none. */
  rules?: SourceRule[];
  /** Config `pathCase`: how `pathPrefix` is compared. Default 'insensitive'. */
  pathCase?: PathCase;
}

function hostWithoutPort(host: string | undefined): string {
  return (host ?? '').replace(/:\d+$/, '').toLowerCase();
}

/** Adds `source`: one listener can serve a web portal and a mobile app, told apart by user agent or path. */
export function sourceStep({ defaultSource, rules = [], pathCase }: SourceStepOptions): CaptureStep {
  const prefixes = rules.map(({ match }) => (match.pathPrefix ? compileRulePath(match.pathPrefix, { pathCase, prefix: true }) : null));
  return {
    name: 'source',
    request(flow) {
      const userAgent = (flow.request.headers['user-agent'] ?? '').toLowerCase();
      const host = hostWithoutPort(flow.request.headers.host);
      const rule = rules.find(({ match }, i) => {
        if (match.userAgent && !userAgent.includes(match.userAgent.toLowerCase())) return false;
        if (match.host && host !== match.host.toLowerCase()) return false;
        if (prefixes[i] && !prefixes[i](flow.request.path)) return false;
        return true;
      });
      flow.draft.source = rule?.source ?? defaultSource;
    },
  };
}
