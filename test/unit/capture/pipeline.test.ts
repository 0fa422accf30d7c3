import { describe, expect, it } from 'vitest';
import { REDACTED } from '../../../shared/entry.ts';
import type { CaptureStep } from '../../../proxy/capture/flow.ts';
import { captureSteps, createPipeline, finishDraft } from '../../../proxy/capture/pipeline.ts';
import { fakeContext, fakeFlow } from '../../helpers/fake-flow.ts';

const config = {
  records: [{ path: '/api/students/:id', type: 'student', name: '{before.firstName} {before.lastName}', link: '/students/{params.id}' }],
};

describe('captureSteps', () => {
  it('runs the steps in the order their dependencies need', () => {
    const names = captureSteps({ config: fakeContext().config, defaultSource: 'Office Portal' }).map((s) => s.name);
    expect(names).toEqual(['ip', 'source', 'actor', 'route', 'snapshot', 'records', 'name-from', 'diff', 'describe', 'redact']);
  });

  it('together turn an update into an entry naming the record from its snapshot, with only the changed fields', async () => {
    const ctx = fakeContext({ config, upstream: { '/api/students/1': { id: '1', firstName: 'Jane', lastName: 'Smith', level: 'Beginner', status: 'active' } } });
    const flow = fakeFlow({ ctx, method: 'PATCH', path: '/api/students/1', body: { level: 'Elite', status: 'active' } });
    const pipeline = createPipeline({ steps: captureSteps({ config: ctx.config, defaultSource: 'Office Portal' }) });
    // The intent written before forwarding already names the record from its snapshot: a crash-recovered entry says whom it touched.
    expect(await pipeline.request(flow)).toMatchObject({ verb: 'update', outcome: 'unknown', action: 'Tried to update student Jane Smith' });
    flow.response = { status: 200, headers: {}, body: { kind: 'json', value: { id: '1', level: 'Elite', status: 'active' }, size: 40, truncated: false } };
    const entry = await pipeline.response(flow);
    expect(entry).toMatchObject({ verb: 'update', outcome: 'success', status: 200, action: 'Updated student Jane Smith: level', source: 'Office Portal', ip: '127.0.0.1' });
    expect(entry.records).toEqual([{ type: 'student', id: '1', name: 'Jane Smith', op: 'update', link: '/students/1', changes: [{ field: 'level', before: 'Beginner', after: 'Elite' }] }]);
  });

  it('redact runs last, so a sentence describe built from a card number is masked too', async () => {
    const ctx = fakeContext({ config, upstream: { '/api/students/1': { firstName: 'Card', lastName: '4111111111111111' } } });
    const flow = fakeFlow({ ctx, method: 'DELETE', path: '/api/students/1', response: { status: 403 } });
    const pipeline = createPipeline({ steps: captureSteps({ config: ctx.config, defaultSource: 'Office Portal' }) });
    await pipeline.request(flow);
    expect((await pipeline.response(flow)).action).toBe(`Failed to delete student Card ${REDACTED}`);
  });
});

describe('createPipeline', () => {
  it('reports a failing step and still runs the others', async () => {
    const errors: [string, unknown][] = [];
    const boom = new Error('boom');
    const steps: CaptureStep[] = [
      {
        name: 'broken',
        request: () => {
          throw boom;
        },
      },
      {
        name: 'after',
        request: async (flow) => {
          flow.draft.action = 'still described';
        },
      },
    ];
    const entry = await createPipeline({ steps, onStepError: (step, err) => errors.push([step, err]) }).request(fakeFlow());
    expect(errors).toEqual([['broken', boom]]);
    expect(entry.action).toBe('still described');
  });

  it('fills path and user agent before any step runs', async () => {
    const seen: unknown[] = [];
    const steps: CaptureStep[] = [
      {
        name: 'look',
        request: (flow) => {
          seen.push({ ...flow.draft });
        },
      },
    ];
    await createPipeline({ steps }).request(fakeFlow({ path: '/a?b=1', headers: { 'user-agent': 'UA' } }));
    expect(seen).toEqual([{ path: '/a', userAgent: 'UA' }]);
  });
});

describe('finishDraft', () => {
  it('gives every field a value when no step filled it', () => {
    expect(finishDraft(fakeFlow({ method: 'PUT', path: '/x' }))).toEqual({
      at: '2025-03-04T05:06:07.089Z',
      member: 'Unknown',
      memberKind: 'unknown',
      username: null,
      source: 'Office Portal',
      ip: '127.0.0.1',
      verb: 'unknown',
      action: 'PUT /x',
      method: 'PUT',
      path: '/x',
      userAgent: null,
      status: null,
      outcome: 'unknown',
      records: [],
      requestId: 'req-1',
      truncated: false,
    });
  });

  it("takes the steps' draft, the response status and truncation of either body", () => {
    const flow = fakeFlow({ response: { status: 201 } });
    flow.draft = { verb: 'create', outcome: 'success', source: 'Mobile App' };
    flow.response!.body.truncated = true;
    expect(finishDraft(flow)).toMatchObject({ verb: 'create', outcome: 'success', source: 'Mobile App', status: 201, truncated: true });
  });

  it('refuses a draft a step filled with the wrong shape rather than store it', () => {
    const flow = fakeFlow();
    flow.draft = { ip: 42 } as never;
    expect(() => finishDraft(flow)).toThrow(/ip/);
  });
});
