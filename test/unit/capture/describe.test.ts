import { describe, expect, it } from 'vitest';
import type { AffectedRecord } from '../../../shared/entry.ts';
import { describeStep } from '../../../proxy/capture/steps/describe.ts';
import { fakeFlow, runSteps, type FakeFlow, type FakeFlowOptions } from '../../helpers/fake-flow.ts';

const student = (op: string, fields: Partial<AffectedRecord> = {}): AffectedRecord => ({ type: 'student', id: '7', name: 'Jane Smith', op, link: null, changes: [], ...fields });

/** Describes a flow whose earlier steps found `record` and, optionally, a rule verb. */
async function described(options: FakeFlowOptions, record?: AffectedRecord, setup: (flow: FakeFlow) => void = () => {}) {
  const flow = fakeFlow(options);
  if (record) flow.records = [record];
  setup(flow);
  return (await runSteps(flow, [describeStep()])).draft;
}

const withVerb = (verb: string) => (flow: FakeFlow) => {
  flow.match = { rule: { path: '/x', type: 'payment', verb }, params: {} };
};

/** What an earlier step (actor, login success) already put on the draft. */
const drafted = (fields: Partial<FakeFlow['draft']>) => (flow: FakeFlow) => {
  Object.assign(flow.draft, fields);
};

describe('describe step: verbs and outcomes', () => {
  it('takes the verb from the method when no step or rule gave one', async () => {
    for (const [method, verb] of [
      ['POST', 'create'],
      ['PUT', 'update'],
      ['PATCH', 'update'],
      ['DELETE', 'delete'],
      ['GET', 'read'],
    ]) {
      expect((await described({ method, response: { status: 200 } })).verb).toBe(verb);
    }
  });

  it("prefers an earlier step's verb over the rule's, and the rule's over the method", async () => {
    expect((await described({ response: { status: 200 } }, undefined, withVerb('payment'))).verb).toBe('payment');
    expect(
      (
        await described({ response: { status: 200 } }, undefined, (f) => {
          withVerb('payment')(f);
          f.draft.verb = 'logout';
        })
      ).verb,
    ).toBe('logout');
  });

  it('is a success below 400, a failure from 400 and keeps an outcome an earlier step set', async () => {
    expect((await described({ response: { status: 399 } })).outcome).toBe('success');
    expect((await described({ response: { status: 400 } })).outcome).toBe('failure');
    expect((await described({ response: { status: 200 } }, undefined, drafted({ outcome: 'failure' }))).outcome).toBe('failure');
  });

  it('without an answer: a failure when the portal was never reached, else unknown; no outcome yet before forwarding', async () => {
    const error = (code: string) => (f: FakeFlow) => {
      f.error = Object.assign(new Error(code), { code });
    };
    expect((await described({}, undefined, error('ECONNREFUSED'))).outcome).toBe('failure');
    expect((await described({}, undefined, error('ECONNRESET'))).outcome).toBe('unknown');
    expect((await described({})).outcome).toBeUndefined();
  });
});

describe('describe step: sentences', () => {
  it('names the record and, for an update, the fields that changed', async () => {
    const changes = [
      { field: 'level', before: 'Beginner', after: 'Elite' },
      { field: 'status', before: 'a', after: 'b' },
    ];
    expect((await described({ method: 'PATCH', response: { status: 200 } }, student('update', { changes }))).action).toBe('Updated student Jane Smith: level, status');
    expect((await described({ method: 'POST', response: { status: 201 } }, student('create', { name: null }))).action).toBe('Created student #7');
    expect((await described({ method: 'GET', response: { status: 200 } }, student('read', { name: null, id: null }))).action).toBe('Viewed student');
  });

  it('names at most 10 changed fields, each cut to 60 characters, and counts the rest', async () => {
    const changes = Array.from({ length: 10_000 }, (_, i) => ({ field: i === 0 ? 'x'.repeat(5000) : `f${i}`, before: null, after: i }));
    const { action } = await described({ method: 'PATCH', response: { status: 200 } }, student('update', { changes }));
    expect(action).toBe(`Updated student Jane Smith: ${'x'.repeat(60)}…, f1, f2, f3, f4, f5, f6, f7, f8, f9 and 9990 more`);
  });

  it('says when a change failed, and that it was only tried when the answer is unknown', async () => {
    expect((await described({ method: 'DELETE', response: { status: 403 } }, student('delete'))).action).toBe('Failed to delete student Jane Smith');
    expect((await described({ method: 'DELETE' }, student('delete'))).action).toBe('Tried to delete student Jane Smith');
  });

  it("records a rule's own verb with the amount sent, as dollars", async () => {
    const payment = student('payment', { type: 'payment', name: 'Mary Smith' });
    expect((await described({ body: { amount: '120' }, response: { status: 200 } }, payment, withVerb('payment'))).action).toBe('Recorded payment of $120.00 for Mary Smith');
    expect((await described({ body: { amount: 1234.5 }, response: { status: 500 } }, payment, withVerb('payment'))).action).toBe('Failed to record payment of $1,234.50 for Mary Smith');
    expect((await described({ body: { amount: 'lots' } }, payment, withVerb('payment'))).action).toBe('Tried to record payment for Mary Smith');
  });

  it('claims no amount for a blank, null or non-numeric one', async () => {
    const payment = student('payment', { type: 'payment', name: 'Mary Smith' });
    for (const amount of ['', ' ', null, true, [], '12abc']) {
      expect((await described({ body: { amount }, response: { status: 200 } }, payment, withVerb('payment'))).action).toBe('Recorded payment for Mary Smith');
    }
  });

  it('describes logins and logouts by who tried', async () => {
    const login = drafted({ verb: 'login' });
    expect((await described({ response: { status: 302 } }, undefined, login)).action).toBe('Logged in');
    const failed = (f: FakeFlow) => {
      login(f);
      f.actor = { member: 'Unknown', memberKind: 'unknown', username: 'jsmith' };
    };
    expect((await described({ response: { status: 401 } }, undefined, failed)).action).toBe('Failed login as jsmith');
    expect((await described({ response: { status: 401 } }, undefined, login)).action).toBe('Failed login');
    expect((await described({ response: { status: 302 } }, undefined, drafted({ verb: 'logout' }))).action).toBe('Logged out');
  });

  it('falls back to method and path for a request no rule named', async () => {
    expect((await described({ method: 'POST', path: '/api/widgets?x=1', response: { status: 200 } })).action).toBe('POST /api/widgets');
    expect((await described({ method: 'POST', path: '/api/widgets', response: { status: 500 } })).action).toBe('Failed POST /api/widgets');
  });
});

describe('describe step: the verb follows the answer', () => {
  it('a PUT answered 201 Created reads "Created", unless the rule names its own verb', async () => {
    const flow = fakeFlow({ method: 'PUT', path: '/left-pad' });
    flow.records = [{ type: 'package', id: 'left-pad', name: null, op: 'update', link: null, changes: [] }];
    const step = describeStep();
    await step.request!(flow);
    expect(flow.draft).toMatchObject({ verb: 'update', action: 'Tried to update package #left-pad' });
    flow.response = { status: 201, headers: {}, body: { kind: 'none', value: null, size: 0, truncated: false } };
    await step.response!(flow);
    expect(flow.draft).toMatchObject({ verb: 'create', action: 'Created package #left-pad' });
    expect((await described({ method: 'PUT', response: { status: 201 } }, undefined, withVerb('publish'))).verb).toBe('publish');
  });
});
