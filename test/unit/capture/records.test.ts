import { describe, expect, it } from 'vitest';
import { recordsStep } from '../../../proxy/capture/steps/records.ts';
import { routeStep } from '../../../proxy/capture/steps/route.ts';
import type { RecordRule } from '../../../proxy/config/schema.ts';
import { fakeFlow, runSteps, type FakeFlowOptions } from '../../helpers/fake-flow.ts';

const records: RecordRule[] = [
  { method: 'POST', path: '/api/students/:id/archive', type: 'student', verb: 'archive' },
  { path: '/api/students/:id', type: 'student', name: '{body.firstName} {body.lastName}', link: '/students/{params.id}' },
  { path: '/api/students', type: 'student', name: '{body.firstName}', link: '/students/{response.id}' },
  { path: '/api/families/:familyId/payments', type: 'payment', verb: 'payment', id: '{response.receipt}' },
  { path: '/api/families/:familyId/notes', type: 'note' },
  { path: '/api/:anything/:id', type: 'fallback' },
];
const recordReads: RecordRule[] = [{ path: '/api/students/:id', type: 'student', link: '/students/{params.id}' }];

async function recordsOf(options: FakeFlowOptions) {
  return runSteps(fakeFlow(options), [routeStep({ records, recordReads }), recordsStep()]);
}

describe('route and records steps', () => {
  it('the first matching rule wins and names the record from the body, with its link', async () => {
    const flow = await recordsOf({ method: 'PATCH', path: '/api/students/7', body: { firstName: 'Jane', lastName: 'Smith' }, response: { status: 200 } });
    expect(flow.records).toEqual([{ type: 'student', id: '7', name: 'Jane Smith', op: 'update', link: '/students/7', changes: [] }]);
  });

  it('a rule without method stands for every mutating method, the op following the method', async () => {
    for (const [method, op] of [
      ['PUT', 'update'],
      ['DELETE', 'delete'],
      ['POST', 'create'],
    ]) {
      const flow = await recordsOf({ method, path: '/api/students/7' });
      expect(flow.records[0]).toMatchObject({ type: 'student', op });
    }
    expect((await recordsOf({ method: 'GET', path: '/api/widgets/1' })).records).toEqual([]);
    expect((await recordsOf({ method: 'PATCH', path: '/api/widgets/1' })).records[0]).toMatchObject({ type: 'fallback', id: '1' });
  });

  it('a rule with a method matches only that method, and its own verb becomes the op', async () => {
    expect((await recordsOf({ method: 'POST', path: '/api/students/7/archive' })).records[0]).toMatchObject({ op: 'archive', id: '7' });
    expect((await recordsOf({ method: 'DELETE', path: '/api/students/7/archive' })).records).toEqual([]);
  });

  it('GETs are recorded only through recordReads, as reads', async () => {
    const flow = await recordsOf({ method: 'GET', path: '/api/students/7' });
    expect(flow.records).toEqual([{ type: 'student', id: '7', name: null, op: 'read', link: '/students/7', changes: [] }]);
    expect(flow.match?.rule).toBe(recordReads[0]);
  });

  it('a create takes its id from the response once the portal answered', async () => {
    const flow = fakeFlow({ method: 'POST', path: '/api/students', body: { firstName: 'Jane' } });
    await routeStep({ records }).request!(flow);
    const step = recordsStep();
    await step.request!(flow);
    expect(flow.records[0]).toMatchObject({ id: null, name: 'Jane', link: null });
    flow.response = { status: 201, headers: {}, body: { kind: 'json', value: { id: 42 }, size: 9, truncated: false } };
    await step.response!(flow);
    expect(flow.records[0]).toMatchObject({ id: '42', name: 'Jane', link: '/students/42' });
  });

  it('an id template wins over params; a template with a missing value gives null, never half a value', async () => {
    const paid = await recordsOf({ path: '/api/families/3/payments', response: { status: 200, body: { receipt: 'R-9' } } });
    expect(paid.records[0]).toMatchObject({ type: 'payment', op: 'payment', id: 'R-9' });
    const noReceipt = await recordsOf({ path: '/api/families/3/payments', response: { status: 500 } });
    expect(noReceipt.records[0]?.id).toBeNull();
    const halfName = await recordsOf({ method: 'PUT', path: '/api/students/7', body: { firstName: 'Jane' } });
    expect(halfName.records[0]?.name).toBeNull();
  });

  it('without :id or an id in the response, the last path param is the id', async () => {
    expect((await recordsOf({ path: '/api/families/3/notes', response: { status: 200, body: {} } })).records[0]?.id).toBe('3');
  });

  it(':id wins over the id a create answers with; a create by answer (201 to a PUT) or any POST takes that id, when it is a string or number', async () => {
    const archived = await recordsOf({ method: 'POST', path: '/api/students/7/archive', response: { status: 200, body: { id: 99 } } });
    expect(archived.records[0]?.id).toBe('7');
    expect((await recordsOf({ method: 'PUT', path: '/api/families/3/notes', response: { status: 201, body: { id: 'n-5' } } })).records[0]?.id).toBe('n-5');
    expect((await recordsOf({ method: 'PUT', path: '/api/families/3/notes', response: { status: 200, body: { id: 'n-5' } } })).records[0]?.id).toBe('3');
    expect((await recordsOf({ method: 'POST', path: '/api/families/3/notes', response: { status: 201, body: { id: { nested: 1 } } } })).records[0]?.id).toBe('3');
    const verbed = [{ method: 'POST' as const, path: '/api/families/:familyId/close', type: 'family', verb: 'close' }];
    const closed = await runSteps(fakeFlow({ method: 'POST', path: '/api/families/3/close', response: { status: 200, body: { id: 'c-1' } } }), [routeStep({ records: verbed }), recordsStep()]);
    expect(closed.records[0]).toMatchObject({ op: 'close', id: 'c-1' });
  });

  it('trims a rendered name, and a name that renders blank is none', async () => {
    expect((await recordsOf({ method: 'PATCH', path: '/api/students/7', body: { firstName: ' Jane', lastName: 'Smith ' } })).records[0]?.name).toBe('Jane Smith');
    expect((await recordsOf({ method: 'PATCH', path: '/api/students/7', body: { firstName: ' ', lastName: ' ' } })).records[0]?.name).toBeNull();
  });

  it('encodes values filled into a link and decodes params', async () => {
    const flow = await recordsOf({ method: 'DELETE', path: '/api/students/a%2Fb%3Fc' });
    expect(flow.records[0]).toMatchObject({ id: 'a/b?c', link: '/students/a%2Fb%3Fc' });
  });

  it('keeps a name and changes found by later steps when the response hook runs again', async () => {
    const flow = fakeFlow({ method: 'DELETE', path: '/api/students/7', response: { status: 200 } });
    await routeStep({ records }).request!(flow);
    const step = recordsStep();
    await step.request!(flow);
    flow.records[0]!.name = 'Jane Smith';
    flow.records[0]!.changes = [{ field: 'level', before: 'Elite', after: null }];
    await step.response!(flow);
    expect(flow.records[0]).toMatchObject({ name: 'Jane Smith', changes: [{ field: 'level' }] });
  });

  it('logins and logouts affect no record', async () => {
    const flow = fakeFlow({ method: 'POST', path: '/api/students/7' });
    flow.draft.verb = 'login';
    await runSteps(flow, [routeStep({ records }), recordsStep()]);
    expect(flow.records).toEqual([]);
    expect(flow.match).toBeUndefined();
  });
});

describe('rules that fit real APIs', () => {
  const registry: RecordRule[] = [
    { method: 'PUT', path: '/:pkg', type: 'package', verb: 'publish', when: { 'body._attachments': { present: true } } },
    { method: 'PUT', path: '/:pkg', type: 'package', verb: 'deprecate', when: { 'body.versions.*.deprecated': { present: true } } },
    { path: '/api/orders/:id', type: 'order', verb: 'cancel', when: { 'query.action': { equals: 'cancel' } } },
    { path: '/api/orders/:id', type: 'order', verb: 'rename', when: { 'body.name': { matches: '^@[a-z]+/' }, 'body.force': { present: false } } },
    { path: '/:pkg', type: 'package' },
    { path: '/api/orders/:id', type: 'order' },
  ];
  const route = (options: FakeFlowOptions) => runSteps(fakeFlow(options), [routeStep({ records: registry }), recordsStep()]);

  it('one path carries several actions, told apart by conditions on the body', async () => {
    const publish = await route({ method: 'PUT', path: '/left-pad', body: { name: 'left-pad', versions: { '1.0.0': {} }, _attachments: { 'left-pad-1.0.0.tgz': {} } } });
    expect(publish.records[0]).toMatchObject({ type: 'package', id: 'left-pad', op: 'publish' });
    const deprecate = await route({ method: 'PUT', path: '/left-pad', body: { name: 'left-pad', versions: { '0.9.0': {}, '1.0.0': { deprecated: 'use 2.x' } } } });
    expect(deprecate.records[0]).toMatchObject({ op: 'deprecate' });
    const plain = await route({ method: 'PUT', path: '/left-pad', body: { name: 'left-pad', versions: { '1.0.0': { deprecated: '' } } } });
    expect(plain.records[0]).toMatchObject({ op: 'deprecate' });
    const other = await route({ method: 'PUT', path: '/left-pad', body: { name: 'left-pad', versions: { '1.0.0': {} } } });
    expect(other.records[0]).toMatchObject({ op: 'update' });
  });

  it('conditions on the query: equal to a value; on the body: matching a pattern, or a field absent', async () => {
    expect((await route({ method: 'POST', path: '/api/orders/9?action=cancel' })).records[0]).toMatchObject({ id: '9', op: 'cancel' });
    expect((await route({ method: 'POST', path: '/api/orders/9?action=keep' })).records[0]).toMatchObject({ op: 'create' });
    expect((await route({ method: 'PATCH', path: '/api/orders/9', body: { name: '@acme/widget' } })).records[0]).toMatchObject({ op: 'rename' });
    expect((await route({ method: 'PATCH', path: '/api/orders/9', body: { name: '@acme/widget', force: true } })).records[0]).toMatchObject({ op: 'update' });
    expect((await route({ method: 'PATCH', path: '/api/orders/9', body: { name: 'widget' } })).records[0]).toMatchObject({ op: 'update' });
    // A body that is no object, or a value that is no scalar, satisfies neither equals nor matches.
    expect((await route({ method: 'PATCH', path: '/api/orders/9', body: ['@acme/x'] })).records[0]).toMatchObject({ op: 'update' });
    expect((await route({ method: 'PATCH', path: '/api/orders/9', body: { name: { first: '@acme/' } } })).records[0]).toMatchObject({ op: 'update' });
  });

  it('without a rule verb, the verb follows the answer: 201 Created is a create even for a PUT', async () => {
    const flow = fakeFlow({ method: 'PUT', path: '/left-pad', body: { name: 'left-pad' } });
    const steps = [routeStep({ records: [{ path: '/:pkg', type: 'package' }] }), recordsStep()];
    for (const step of steps) await step.request?.(flow);
    expect(flow.records[0]).toMatchObject({ op: 'update' });
    flow.response = { status: 201, headers: {}, body: { kind: 'json', value: { ok: true }, size: 11, truncated: false } };
    for (const step of steps) await step.response?.(flow);
    expect(flow.records[0]).toMatchObject({ op: 'create' });
    // A rule's own verb is kept whatever the answer.
    expect((await route({ method: 'PUT', path: '/left-pad', body: { _attachments: {} }, response: { status: 201 } })).records[0]).toMatchObject({ op: 'publish' });
  });
});
