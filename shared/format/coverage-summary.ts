import type { CoverageReport } from '../api.ts';

/** "87% of changes name their record; 3 endpoints have no rule": the one line the CLI and the options page show. */
export function coverageSummary({ mutations, matched, unmatchedEndpoints }: Pick<CoverageReport, 'mutations' | 'matched' | 'unmatchedEndpoints'>): string {
  if (mutations === 0) return 'No changes recorded yet';
  // Floor, so 99.6% never reads as 100% while a change still goes unnamed.
  const percent = Math.floor((matched / mutations) * 100);
  const endpoints = unmatchedEndpoints === 0 ? 'every endpoint has a rule' : `${unmatchedEndpoints} endpoint${unmatchedEndpoints === 1 ? ' has' : 's have'} no rule`;
  return `${percent}% of changes name their record; ${endpoints}`;
}
