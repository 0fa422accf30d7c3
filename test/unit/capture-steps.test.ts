import { describe, expect, it } from 'vitest';
import { REDACTED } from '../../shared/entry.ts';
import { describeStep } from '../../proxy/capture/steps/describe.ts';
import { diffStep } from '../../proxy/capture/steps/diff.ts';
import { recordsStep } from '../../proxy/capture/steps/records.ts';
import { redactStep } from '../../proxy/capture/steps/redact.ts';
import { snapshotStep } from '../../proxy/capture/steps/snapshot.ts';
import type { CaptureStep, Flow } from '../../proxy/capture/flow.ts';
import { fakeFlow } from '../helpers/fake-flow.ts';

async function run(flow: Flow, steps: CaptureStep[]): Promise<Flow> {
  for (const step of steps) await step.request?.(flow);
  for (const step of steps) await step.response?.(flow);
  return flow;
}

const rules = [{ path: '/api/students/:id', type: 'student', name: '{before.firstName} {before.lastName}', link: '/students/{params.id}' }];

describe('records → snapshot → diff → describe', () => {
  it('an update names the record from the snapshot and lists only the fields that changed', async () => {
    const flow = fakeFlow({
      method: 'PATCH',
      path: '/api/students/1',
      body: { level: 'Elite', status: 'active' },
      response: { status: 200, body: { id: '1', firstName: 'Jane', lastName: 'Smith', level: 'Elite', status: 'active' } },
      upstream: { '/api/students/1': { id: '1', firstName: 'Jane', lastName: 'Smith', level: 'Beginner', status: 'active' } },
    });
    await run(flow, [recordsStep({ records: rules }), snapshotStep(), diffStep(), describeStep()]);
    expect(flow.draft).toMatchObject({ verb: 'update', outcome: 'success', action: 'Updated student Jane Smith: level' });
    expect(flow.records[0]).toMatchObject({ id: '1', link: '/students/1', changes: [{ field: 'level', before: 'Beginner', after: 'Elite' }] });
  });

  it('a failed delete says so; no answer at all is unknown', async () => {
    const failed = fakeFlow({ method: 'DELETE', path: '/api/students/1', response: { status: 403 }, upstream: { '/api/students/1': { firstName: 'Jane', lastName: 'Smith' } } });
    await run(failed, [recordsStep({ records: rules }), snapshotStep(), describeStep()]);
    expect(failed.draft).toMatchObject({ outcome: 'failure', action: 'Failed to delete student Jane Smith' });
    const lost = fakeFlow({ method: 'DELETE', path: '/api/students/1' });
    lost.error = Object.assign(new Error('socket hang up'), { code: 'ECONNRESET' });
    await run(lost, [recordsStep({ records: rules }), describeStep()]);
    expect(lost.draft.outcome).toBe('unknown');
  });

  it('a mutation no rule names is still described by method and path', async () => {
    const flow = await run(fakeFlow({ method: 'POST', path: '/api/widgets', response: { status: 200 } }), [recordsStep({ records: rules }), describeStep()]);
    expect(flow.records).toEqual([]);
    expect(flow.draft.action).toBe('POST /api/widgets');
  });

  it('redact masks secrets in nested changes and card numbers in names', async () => {
    const flow = fakeFlow({ method: 'POST', path: '/api/cards' });
    flow.records = [{ type: 'card', id: '1', name: 'Card 4111-1111-1111-1111', op: 'create', link: null, changes: [{ field: 'billing', before: null, after: { zip: '60601', cvv: '123' } }, { field: 'pin', before: '1111', after: '2222' }] }];
    await run(flow, [redactStep()]);
    expect(flow.records[0]).toMatchObject({ name: `Card ${REDACTED}`, changes: [{ field: 'billing', after: { zip: '60601', cvv: REDACTED } }, { field: 'pin', before: REDACTED, after: REDACTED }] });
  });
});
