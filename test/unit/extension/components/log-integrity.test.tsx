// @vitest-environment happy-dom
import { cleanup, fireEvent, render, screen } from '@testing-library/preact';
import { afterEach, describe, expect, it } from 'vitest';
import type { VerifyResponse } from '../../../../shared/api.ts';
import { ApiFailure } from '../../../../extension/api/client.ts';
import { LogIntegrity } from '../../../../extension/components/LogIntegrity.tsx';

const OK: VerifyResponse = { ok: true, checked: 1234, firstBad: null, fingerprint: '1234:ab12' };

describe('log integrity on the options page', () => {
  afterEach(cleanup);

  it('says how many entries verified and shows the fingerprint to keep', async () => {
    const asked: Array<string | undefined> = [];
    render(<LogIntegrity check={async (fingerprint) => (asked.push(fingerprint), OK)} />);
    fireEvent.input(screen.getByLabelText('Fingerprint you kept (optional)'), { target: { value: '12:cd34' } });
    fireEvent.click(screen.getByRole('button', { name: 'Verify the log' }));
    expect((await screen.findByTestId('log-integrity-result')).textContent).toContain('1,234 entries verified.');
    expect(screen.getByTestId('log-fingerprint').textContent).toBe('1234:ab12');
    expect(asked).toEqual(['12:cd34']);
  });

  it('names the first entry that does not verify, as an alert', async () => {
    render(<LogIntegrity check={async () => ({ ok: false, checked: 6, firstBad: { seq: 7, reason: 'its hash does not match its content (altered)' }, fingerprint: null })} />);
    fireEvent.click(screen.getByRole('button', { name: 'Verify the log' }));
    const alert = await screen.findByRole('alert');
    expect(alert.textContent).toContain('The log does not verify at entry #7: its hash does not match its content (altered)');
    expect(screen.queryByTestId('log-fingerprint')).toBeNull();
  });

  it('says when older entries were removed by retention, and what went wrong when it cannot ask', async () => {
    const retained: VerifyResponse = { ...OK, retention: { firstSeq: 900, anchor: '899:ff', prunedThrough: '2024-11-24', prunedAt: '2026-11-25T00:00:00.000Z' } };
    render(<LogIntegrity check={async () => retained} />);
    fireEvent.click(screen.getByRole('button', { name: 'Verify the log' }));
    expect((await screen.findByTestId('log-integrity-result')).textContent).toContain('(from #900; older entries were removed by retention)');
    cleanup();
    render(<LogIntegrity check={async () => Promise.reject(new ApiFailure('token-refused', 'Token refused: check it in the options.'))} />);
    fireEvent.click(screen.getByRole('button', { name: 'Verify the log' }));
    expect((await screen.findByRole('alert')).textContent).toBe('Token refused: check it in the options.');
  });
});
