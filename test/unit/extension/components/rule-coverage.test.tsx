// @vitest-environment happy-dom
import { cleanup, fireEvent, render, screen, within } from '@testing-library/preact';
import { afterEach, describe, expect, it } from 'vitest';
import type { CoverageReport } from '../../../../shared/api.ts';
import { ApiFailure } from '../../../../extension/api/client.ts';
import { RuleCoverage } from '../../../../extension/components/RuleCoverage.tsx';

const REPORT: CoverageReport = {
  mutations: 1000,
  matched: 874,
  named: 990,
  unmatchedEndpoints: 3,
  truncated: false,
  endpoints: [
    {
      method: 'PATCH',
      pattern: '/api/widgets/:id',
      seen: 100,
      matched: 0,
      named: 100,
      lastSeen: '2026-12-04T13:05:00.000Z',
      suggestedRule: { method: 'PATCH', path: '/api/widgets/:id', type: 'widget' },
    },
    { method: 'POST', pattern: '/api/gadgets', seen: 20, matched: 0, named: 10, lastSeen: '2026-12-03T09:00:00.000Z', suggestedRule: { method: 'POST', path: '/api/gadgets', type: 'gadget' } },
    {
      method: 'DELETE',
      pattern: '/api/families/:id/contacts/:id',
      seen: 6,
      matched: 0,
      named: 6,
      lastSeen: '2026-12-01T09:00:00.000Z',
      suggestedRule: { method: 'DELETE', path: '/api/families/:familyId/contacts/:id', type: 'contact' },
    },
    { method: 'PUT', pattern: '/api/students/:id', seen: 874, matched: 874, named: 874, lastSeen: '2026-12-04T14:00:00.000Z', suggestedRule: null },
  ],
};

describe('rule coverage on the options page', () => {
  afterEach(cleanup);

  it('says how many changes name their record and lists the endpoints, with a draft rule for those without one', async () => {
    render(<RuleCoverage load={async () => REPORT} />);
    fireEvent.click(screen.getByRole('button', { name: 'Check rule coverage' }));
    expect((await screen.findByTestId('coverage-summary')).textContent).toBe('87% of changes name their record; 3 endpoints have no rule');
    const rows = screen.getAllByTestId('coverage-endpoint');
    expect(rows).toHaveLength(4);
    expect(within(rows[0]!).getByRole('rowheader').textContent).toBe('PATCH /api/widgets/:id');
    expect(rows[0]!.textContent).toContain('0 of 100');
    expect(rows[0]!.textContent).toContain('2026-12-04 13:05 UTC');
    expect(within(rows[0]!).getByTestId('draft-rule').textContent).toBe('{"method":"PATCH","path":"/api/widgets/:id","type":"widget"}');
    expect(within(rows[3]!).queryByTestId('draft-rule')).toBeNull();
    expect(rows[3]!.textContent).toContain('874 of 874');
  });

  it('says when nothing was recorded yet, and what went wrong when it cannot ask', async () => {
    render(<RuleCoverage load={async () => ({ mutations: 0, matched: 0, named: 0, unmatchedEndpoints: 0, truncated: false, endpoints: [] })} />);
    fireEvent.click(screen.getByRole('button', { name: 'Check rule coverage' }));
    expect((await screen.findByTestId('coverage-summary')).textContent).toBe('No changes recorded yet');
    expect(screen.queryByTestId('coverage-endpoint')).toBeNull();
    cleanup();
    render(<RuleCoverage load={async () => Promise.reject(new ApiFailure('role-too-low', 'Role too low — this needs an admin token; ask an admin for one.'))} />);
    fireEvent.click(screen.getByRole('button', { name: 'Check rule coverage' }));
    expect((await screen.findByRole('alert')).textContent).toBe('Role too low — this needs an admin token; ask an admin for one.');
  });
});
