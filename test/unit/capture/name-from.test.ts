import { describe, expect, it } from 'vitest';
import { nameFromStep } from '../../../proxy/capture/steps/name-from.ts';
import { recordsStep } from '../../../proxy/capture/steps/records.ts';
import { routeStep } from '../../../proxy/capture/steps/route.ts';
import type { RecordRule } from '../../../proxy/config/schema.ts';
import type { CaptureStep } from '../../../proxy/capture/flow.ts';
import { fakeContext, fakeFlow, runSteps, type FakeContext } from '../../helpers/fake-flow.ts';

const records: RecordRule[] = [
  { path: '/api/payments', type: 'payment', verb: 'payment', nameFrom: { get: '/api/families/{body.familyId}', name: '{guardian.firstName} {guardian.lastName}' } },
  { path: '/api/notes', type: 'note', name: 'Note {body.title}', nameFrom: { get: '/api/families/{body.familyId}', name: '{guardian.lastName}' } },
];
const family = { guardian: { firstName: 'Mary', lastName: 'Smith' } };

/** A payment for a family through records → name-from, the order the pipeline runs them in. */
function pay(ctx: FakeContext, nameFrom: CaptureStep, familyId: unknown = '3', path = '/api/payments') {
  return runSteps(fakeFlow({ ctx, path, body: { familyId, amount: 120 } }), [routeStep({ records }), recordsStep(), nameFrom]);
}

describe('name-from step', () => {
  it('names the record from the related record the template points at', async () => {
    const ctx = fakeContext({ upstream: { '/api/families/3': family } });
    const flow = await pay(ctx, nameFromStep());
    expect(flow.records[0]?.name).toBe('Mary Smith');
    expect(ctx.fetched).toEqual(['/api/families/3']);
  });

  it('reuses a looked-up name for a burst of requests, and looks again once it expired', async () => {
    const ctx = fakeContext({ upstream: { '/api/families/3': family } });
    const cached = nameFromStep();
    await pay(ctx, cached);
    await pay(ctx, cached);
    expect(ctx.fetched).toEqual(['/api/families/3']);
    const expired = nameFromStep({ ttlMs: 0 });
    await pay(ctx, expired);
    await pay(ctx, expired);
    expect(ctx.fetched).toHaveLength(3);
  });

  it('drops the oldest name beyond maxEntries', async () => {
    const ctx = fakeContext({ upstream: { '/api/families/3': family, '/api/families/4': family } });
    const step = nameFromStep({ maxEntries: 1 });
    for (const id of ['3', '4', '3']) await pay(ctx, step, id);
    expect(ctx.fetched).toEqual(['/api/families/3', '/api/families/4', '/api/families/3']);
  });

  it('does not cache an unreachable upstream, so the next request still gets the name', async () => {
    const ctx = fakeContext();
    ctx.upstream.set('/api/families/3', null);
    const step = nameFromStep();
    expect((await pay(ctx, step)).records[0]?.name).toBeNull();
    ctx.upstream.set('/api/families/3', { status: 200, body: family });
    expect((await pay(ctx, step)).records[0]?.name).toBe('Mary Smith');
  });

  it('gives no name for an error answer or a template the answer cannot fill', async () => {
    const ctx = fakeContext({ upstream: { '/api/families/4': { guardian: { firstName: 'Mary' } } } });
    ctx.upstream.set('/api/families/3', { status: 403, body: family });
    expect((await pay(ctx, nameFromStep(), '3')).records[0]?.name).toBeNull();
    expect((await pay(ctx, nameFromStep(), '4')).records[0]?.name).toBeNull();
  });

  it('encodes values filled into the path, so a body cannot steer the lookup elsewhere', async () => {
    const ctx = fakeContext();
    await pay(ctx, nameFromStep(), '../admin?x=1');
    // Fetched once although both hooks ask: the 404 is an answer, and answers are cached.
    expect(ctx.fetched).toEqual(['/api/families/..%2Fadmin%3Fx%3D1']);
  });

  it('fetches nothing when the rule already named the record or the path cannot be filled', async () => {
    const ctx = fakeContext({ upstream: { '/api/families/3': family } });
    const note = await runSteps(fakeFlow({ ctx, path: '/api/notes', body: { familyId: '3', title: 'Allergy' } }), [routeStep({ records }), recordsStep(), nameFromStep()]);
    expect(note.records[0]?.name).toBe('Note Allergy');
    expect((await pay(ctx, nameFromStep(), null)).records[0]?.name).toBeNull();
    expect(ctx.fetched).toEqual([]);
  });
});

describe('name-from step: related records', () => {
  const withFamilies: RecordRule[] = [...records, { path: '/api/families/:id', type: 'family', name: '{before.guardian.lastName}' }];

  it('keeps a reference (type and id) to the record the name came from, by the record rules', async () => {
    const ctx = fakeContext({ upstream: { '/api/families/3': family } });
    const flow = await pay(ctx, nameFromStep({ records: withFamilies }));
    expect(flow.records[0]).toMatchObject({ name: 'Mary Smith', related: [{ type: 'family', id: '3' }] });
  });

  it('keeps the reference even when the portal does not answer the name', async () => {
    const ctx = fakeContext();
    ctx.upstream.set('/api/families/3', null);
    const flow = await pay(ctx, nameFromStep({ records: withFamilies }));
    expect(flow.records[0]).toMatchObject({ name: null, related: [{ type: 'family', id: '3' }] });
  });

  it('adds no reference when no rule names the looked-up path', async () => {
    const ctx = fakeContext({ upstream: { '/api/families/3': family } });
    const flow = await pay(ctx, nameFromStep({ records }));
    expect(flow.records[0]?.related).toBeUndefined();
  });
});

describe('name-from step: records shaped as arrays', () => {
  it('names a record from an answer that is an array, through an index in brackets', async () => {
    const rules: RecordRule[] = [{ path: '/api/payments', type: 'payment', nameFrom: { get: '/api/families/{body.familyId}/guardians', name: '{[0].firstName} {[0].lastName}' } }];
    const ctx = fakeContext({ upstream: { '/api/families/3/guardians': [{ firstName: 'Mary', lastName: 'Smith' }] } });
    const flow = await runSteps(fakeFlow({ ctx, path: '/api/payments', body: { familyId: '3' } }), [routeStep({ records: rules }), recordsStep(), nameFromStep()]);
    expect(flow.records[0]?.name).toBe('Mary Smith');
  });
});
