import { describe, expect, it } from 'vitest';
import { recordsStep } from '../../../proxy/capture/steps/records.ts';
import { routeStep } from '../../../proxy/capture/steps/route.ts';
import { snapshotStep } from '../../../proxy/capture/steps/snapshot.ts';
import type { RecordRule } from '../../../proxy/config/schema.ts';
import { fakeContext, fakeFlow, runSteps, type FakeContext } from '../../helpers/fake-flow.ts';

const records: RecordRule[] = [
  { path: '/students/:id/edit', type: 'student', snapshot: true },
  { path: '/api/students/:id/notes', type: 'note', snapshot: false },
  { path: '/api/students/:id', type: 'student' },
];
const jane = { id: '7', firstName: 'Jane', level: 'Beginner' };

async function snapshot(ctx: FakeContext, method: string, path: string) {
  return runSteps(fakeFlow({ ctx, method, path }), [routeStep({ records }), snapshotStep(), recordsStep()]);
}

describe('snapshot step', () => {
  it('fetches the record at the request path before a PUT, PATCH or DELETE', async () => {
    for (const method of ['PUT', 'PATCH', 'DELETE']) {
      const ctx = fakeContext({ upstream: { '/api/students/7': jane } });
      expect((await snapshot(ctx, method, '/api/students/7')).before).toEqual(jane);
      expect(ctx.fetched).toEqual(['/api/students/7']);
    }
  });

  it('skips a POST unless the rule says snapshot: true', async () => {
    const ctx = fakeContext({ upstream: { '/api/students/7': jane, '/students/7/edit': jane } });
    expect((await snapshot(ctx, 'POST', '/api/students/7')).before).toBeUndefined();
    expect((await snapshot(ctx, 'POST', '/students/7/edit')).before).toEqual(jane);
    expect(ctx.fetched).toEqual(['/students/7/edit']);
  });

  it('skips a rule with snapshot: false and a request no rule matched', async () => {
    const ctx = fakeContext({ upstream: { '/api/students/7/notes': jane, '/api/other/7': jane } });
    expect((await snapshot(ctx, 'DELETE', '/api/students/7/notes')).before).toBeUndefined();
    expect((await snapshot(ctx, 'DELETE', '/api/other/7')).before).toBeUndefined();
    expect(ctx.fetched).toEqual([]);
  });

  it('keeps no snapshot from an error, an unreachable upstream or an answer that is no record', async () => {
    const ctx = fakeContext({ upstream: { '/api/students/3': 'Jane', '/api/students/5': null } });
    ctx.upstream.set('/api/students/4', null);
    for (const id of ['1', '3', '4', '5']) expect((await snapshot(ctx, 'PATCH', `/api/students/${id}`)).before).toBeUndefined();
  });

  it('keeps a record shaped as an array', async () => {
    const ctx = fakeContext({ upstream: { '/api/students/2': [jane] } });
    expect((await snapshot(ctx, 'PATCH', '/api/students/2')).before).toEqual([jane]);
  });

  it('fetches the path a rule names with snapshot: { get }, for any method, filled from the request', async () => {
    const flows = [{ id: 'n1', type: 'tab', label: 'Main' }];
    const named: RecordRule[] = [
      { method: 'POST', path: '/flows', type: 'flows', verb: 'deploy', snapshot: { get: '/flows' } },
      { path: '/api/students/:id/level', type: 'student', snapshot: { get: '/api/students/{params.id}?view={query.view}' } },
    ];
    const ctx = fakeContext({ upstream: { '/flows': flows, '/api/students/../x?view=full': jane, '/api/students/..%2Fx?view=full': jane } });
    const deploy = await runSteps(fakeFlow({ ctx, method: 'POST', path: '/flows', body: flows }), [routeStep({ records: named }), snapshotStep()]);
    expect(deploy.before).toEqual(flows);
    const level = await runSteps(fakeFlow({ ctx, method: 'PUT', path: '/api/students/..%2Fx/level?view=full' }), [routeStep({ records: named }), snapshotStep()]);
    expect(level.before).toEqual(jane);
    // Values filled into the lookup path are encoded, so a request cannot steer it to another path.
    expect(ctx.fetched).toEqual(['/flows', '/api/students/..%2Fx?view=full']);
    const unfilled = await runSteps(fakeFlow({ ctx, method: 'PUT', path: '/api/students/7/level' }), [routeStep({ records: named }), snapshotStep()]);
    expect(unfilled.before).toBeUndefined();
    expect(ctx.fetched).toHaveLength(2);
  });
});
