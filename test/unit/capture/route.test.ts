import { describe, expect, it } from 'vitest';
import { routeStep } from '../../../proxy/capture/steps/route.ts';
import type { RecordRule } from '../../../proxy/config/schema.ts';
import { fakeFlow, type FakeFlowOptions } from '../../helpers/fake-flow.ts';

const archive: RecordRule = { method: 'POST', path: '/api/students/:id/archive', type: 'student', verb: 'archive' };
const student: RecordRule = { path: '/api/students/:id', type: 'student' };
const refund: RecordRule = { method: 'POST', path: '/api/actions', type: 'payment', verb: 'refund', when: { 'body.action': { equals: 'refund' } } };
const note: RecordRule = { method: 'POST', path: '/api/actions', type: 'note' };
const viewed: RecordRule = { path: '/api/students/:id', type: 'student' };

/** The rule and params the route step picks for one request. */
function routed(options: FakeFlowOptions & { verb?: string }) {
  const flow = fakeFlow(options);
  if (options.verb) flow.draft.verb = options.verb;
  expect(routeStep({ records: [archive, student, refund, note], recordReads: [viewed] }).request!(flow), 'the step decides synchronously').toBeUndefined();
  return flow.match ? { rule: flow.match.rule, params: flow.match.params } : null;
}

describe('the route step', () => {
  it('picks the first rule whose method and path match, with its path params decoded', () => {
    expect(routed({ method: 'POST', path: '/api/students/7/archive' })).toEqual({ rule: archive, params: { id: '7' } });
    expect(routed({ method: 'PUT', path: '/api/students/a%20b' })).toEqual({ rule: student, params: { id: 'a b' } });
  });

  it('lets a rule without method stand for every mutating method, never for a read', () => {
    for (const method of ['POST', 'PUT', 'PATCH', 'DELETE']) expect(routed({ method, path: '/api/students/7' })?.rule).toBe(student);
    expect(routed({ method: 'GET', path: '/api/students/7/archive' })).toBeNull();
  });

  it('matches GETs only through recordReads', () => {
    expect(routed({ method: 'GET', path: '/api/students/7' })).toEqual({ rule: viewed, params: { id: '7' } });
  });

  it("tries the next rule when a rule's when conditions are not met", () => {
    expect(routed({ method: 'POST', path: '/api/actions', body: { action: 'refund' } })?.rule).toBe(refund);
    expect(routed({ method: 'POST', path: '/api/actions', body: { action: 'comment' } })?.rule).toBe(note);
  });

  it('leaves logins, logouts and unmatched paths without a rule', () => {
    expect(routed({ method: 'POST', path: '/api/students/7', verb: 'login' })).toBeNull();
    expect(routed({ method: 'POST', path: '/api/students/7', verb: 'logout' })).toBeNull();
    expect(routed({ method: 'POST', path: '/api/teachers/7' })).toBeNull();
  });
});
