import { describe, expect, it } from 'vitest';
import type { SourceRule } from '../../../proxy/config/schema.ts';
import { sourceStep } from '../../../proxy/capture/steps/source.ts';
import { fakeFlow } from '../../helpers/fake-flow.ts';

const rules: SourceRule[] = [
  { match: { userAgent: 'PortalApp/' }, source: 'Mobile App' },
  { match: { host: 'kiosk.example.org', pathPrefix: '/checkin' }, source: 'Kiosk' },
  { match: { pathPrefix: '/checkin' }, source: 'Check-in' },
];

function sourceOf(path: string, headers: Record<string, string> = {}, withRules = rules): string | undefined {
  const flow = fakeFlow({ path, headers });
  expect(sourceStep({ defaultSource: 'Office Portal', rules: withRules }).request!(flow), 'the step decides synchronously').toBeUndefined();
  return flow.draft.source;
}

describe('source step', () => {
  it('is the listener default when no rule matches or none is given', () => {
    expect(sourceOf('/api/students', { 'user-agent': 'Mozilla/5.0' })).toBe('Office Portal');
    expect(sourceOf('/checkin', {}, [])).toBe('Office Portal');
  });

  it('matches the user agent as a substring without case', () => {
    expect(sourceOf('/api/students', { 'user-agent': 'Mozilla/5.0 portalapp/3.1 (iOS)' })).toBe('Mobile App');
  });

  it('wants every condition of a rule: host (without port, any case) and path prefix together', () => {
    expect(sourceOf('/checkin/42', { host: 'Kiosk.Example.org:8443' })).toBe('Kiosk');
    expect(sourceOf('/api/checkin', { host: 'kiosk.example.org' })).toBe('Office Portal');
  });

  it('takes the first matching rule when several match', () => {
    expect(sourceOf('/checkin/42', { host: 'kiosk.example.org', 'user-agent': 'PortalApp/3' })).toBe('Mobile App');
    expect(sourceOf('/checkin/42', { host: 'front-desk.example.org' })).toBe('Check-in');
  });
});
