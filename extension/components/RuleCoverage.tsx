import { useState } from 'preact/hooks';
import type { CoverageReport } from '../../shared/api.ts';
import { coverageSummary } from '../../shared/format/coverage-summary.ts';
import { useLatestRequest } from '../hooks/useLatestRequest.ts';
import { ActionButton } from './ActionButton.tsx';

interface Props {
  /** Asks the server which endpoints the record rules miss (admin only). */
  load: () => Promise<CoverageReport>;
}

/** "2026-12-04 13:05 UTC": the options page knows no business time zone, so it says which zone it shows. */
const utcMinute = (at: string) => `${at.slice(0, 10)} ${at.slice(11, 16)} UTC`;

/**
 * What the record rules miss: the share of changes that name their record, and per endpoint how many did,
 * with a draft rule to paste into the config for each endpoint without one (as `portal-audit coverage`).
 */
export function RuleCoverage({ load }: Props) {
  // Each click asks again (a new request); the report shown is always the latest click's.
  const [asked, setAsked] = useState(0);
  const { data: report, error, loading: busy } = useLatestRequest(asked ? () => load() : null, [asked]);

  return (
    <section class="rule-coverage" aria-labelledby="rule-coverage-title">
      <h2 id="rule-coverage-title">Rule coverage</h2>
      <p class="muted">Which of the changes in the log name the record they changed, per endpoint, with a draft rule for the config where none matched.</p>
      <ActionButton label="Check rule coverage" busyLabel="Checking…" busy={busy} onClick={() => setAsked(asked + 1)} />
      {error && (
        <p class="status status-error" role="alert">
          {error}
        </p>
      )}
      {report && (
        <>
          <p class="status" role="status" data-testid="coverage-summary">
            {coverageSummary(report)}
          </p>
          {report.endpoints.length > 0 && (
            <table class="coverage">
              <thead>
                <tr>
                  <th scope="col">Endpoint</th>
                  <th scope="col">Named record</th>
                  <th scope="col">Named actor</th>
                  <th scope="col">Last seen</th>
                  <th scope="col">Draft rule</th>
                </tr>
              </thead>
              <tbody>
                {report.endpoints.map((e) => (
                  <tr key={`${e.method} ${e.pattern}`} data-testid="coverage-endpoint">
                    <th scope="row">{`${e.method} ${e.pattern}`}</th>
                    <td>{`${e.matched} of ${e.seen}`}</td>
                    <td>{`${e.named} of ${e.seen}`}</td>
                    <td>{utcMinute(e.lastSeen)}</td>
                    <td>{e.suggestedRule ? <code data-testid="draft-rule">{JSON.stringify(e.suggestedRule)}</code> : e.coveredNow ? 'a rule covers it now' : ''}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
        </>
      )}
    </section>
  );
}
