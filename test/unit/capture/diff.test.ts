import { describe, expect, it } from 'vitest';
import { diffStep } from '../../../proxy/capture/steps/diff.ts';
import { fakeFlow, runSteps, type FakeFlowOptions } from '../../helpers/fake-flow.ts';

/** A flow whose records step already named the record with `op`, and whose snapshot found `before`. */
async function diff(op: string, options: FakeFlowOptions, before?: unknown) {
  const flow = fakeFlow(options);
  flow.before = before;
  flow.records = [{ type: 'student', id: '7', name: null, op, link: null, changes: [] }];
  return (await runSteps(flow, [diffStep()])).records[0]?.changes;
}

const before = { id: '7', firstName: 'Jane', level: 'Beginner', tags: ['a'] };

describe('diff step', () => {
  it('an update lists only the fields sent whose value differs from the snapshot', async () => {
    const changes = await diff('update', { method: 'PATCH', body: { firstName: 'Jane', level: 'Elite', tags: ['a'] }, response: { status: 200 } }, before);
    expect(changes).toEqual([{ field: 'level', before: 'Beginner', after: 'Elite' }]);
  });

  it("prefers the portal's copy of a sent field, and ignores fields only the portal returned", async () => {
    const changes = await diff('update', { method: 'PUT', body: { firstName: ' jane ' }, response: { status: 200, body: { firstName: 'Jane', updatedAt: 'now' } } }, { firstName: 'Janet' });
    expect(changes).toEqual([{ field: 'firstName', before: 'Janet', after: 'Jane' }]);
  });

  it('an update without a snapshot lists every field sent, from null', async () => {
    expect(await diff('update', { method: 'PATCH', body: { level: 'Elite' }, response: { status: 200 } })).toEqual([{ field: 'level', before: null, after: 'Elite' }]);
  });

  it('a failed update keeps what the client sent, not the error body', async () => {
    const changes = await diff('update', { method: 'PATCH', body: { level: 'Elite' }, response: { status: 422, body: { level: 'invalid' } } }, before);
    expect(changes).toEqual([{ field: 'level', before: 'Beginner', after: 'Elite' }]);
  });

  it('a delete lists every snapshot field going to null, or nothing without a snapshot', async () => {
    expect(await diff('delete', { method: 'DELETE', response: { status: 204 } }, { firstName: 'Jane', level: 'Beginner' })).toEqual([
      { field: 'firstName', before: 'Jane', after: null },
      { field: 'level', before: 'Beginner', after: null },
    ]);
    expect(await diff('delete', { method: 'DELETE', response: { status: 204 } })).toEqual([]);
  });

  it('a create lists every field coming from null; with no body sent, the returned record', async () => {
    expect(await diff('create', { method: 'POST', body: { firstName: 'Jane' }, response: { status: 201, body: { id: 9, firstName: 'Jane' } } })).toEqual([
      { field: 'firstName', before: null, after: 'Jane' },
    ]);
    expect(await diff('create', { method: 'POST', response: { status: 201, body: { id: 9 } } })).toEqual([{ field: 'id', before: null, after: 9 }]);
  });

  it("a rule's own verb on a POST has the create shape; an edit form POST with op update the update shape", async () => {
    expect(await diff('payment', { method: 'POST', body: { amount: 120 }, response: { status: 200 } })).toEqual([{ field: 'amount', before: null, after: 120 }]);
    expect(await diff('update', { method: 'POST', body: { level: 'Beginner' }, response: { status: 302 } }, before)).toEqual([]);
  });

  it('the op decides the shape whatever the method: a delete by rule verb on a POST, a create over a snapshot, an update by POST', async () => {
    expect(await diff('delete', { method: 'POST', body: { reason: 'left' }, response: { status: 200 } }, { level: 'Beginner' })).toEqual([{ field: 'level', before: 'Beginner', after: null }]);
    expect(await diff('create', { method: 'PUT', body: { level: 'Beginner' }, response: { status: 201 } }, { level: 'Beginner' })).toEqual([{ field: 'level', before: null, after: 'Beginner' }]);
    expect(await diff('update', { method: 'POST', body: { level: 'Elite' }, response: { status: 302 } }, before)).toEqual([{ field: 'level', before: 'Beginner', after: 'Elite' }]);
    // A snapshot of another shape (a list, the body an object) cannot be compared: every field comes from null.
    expect(await diff('update', { method: 'PATCH', body: { level: 'Elite' }, response: { status: 200 } }, ['a'])).toEqual([{ field: 'level', before: null, after: 'Elite' }]);
  });

  it("only a 2xx answer is the portal's copy; without an answer the body sent is the change", async () => {
    const sent = { method: 'PATCH', body: { level: 'Elite' } };
    for (const status of [199, 300])
      expect(await diff('update', { ...sent, response: { status, body: { level: 'Other' } } }, before)).toEqual([{ field: 'level', before: 'Beginner', after: 'Elite' }]);
    expect(await diff('update', { ...sent, response: { status: 299, body: { level: 'Other' } } }, before)).toEqual([{ field: 'level', before: 'Beginner', after: 'Other' }]);
    expect(await diff('update', sent, before)).toEqual([{ field: 'level', before: 'Beginner', after: 'Elite' }]);
  });

  it('leaves reads alone and has nothing to say without a record or a body', async () => {
    expect(await diff('read', { method: 'GET', body: { q: 'x' }, response: { status: 200, body: { a: 1 } } })).toEqual([]);
    expect(await diff('update', { method: 'PATCH', response: { status: 204 } }, before)).toEqual([]);
    const flow = await runSteps(fakeFlow({ method: 'PATCH', body: { a: 1 }, response: { status: 200 } }), [diffStep()]);
    expect(flow.records).toEqual([]);
  });
});

describe("diff step: a rule's own verb", () => {
  it('a POST with its own verb and a snapshot lists before → after, like an update', async () => {
    const changes = await diff('deploy', { method: 'POST', body: { label: 'Main', disabled: true }, response: { status: 200 } }, { label: 'Main', disabled: false });
    expect(changes).toEqual([{ field: 'disabled', before: false, after: true }]);
  });
});

describe('diff step: arrays of objects', () => {
  const contacts = [
    { id: 1, name: 'Mary', phone: '555-0100' },
    { id: 3, name: 'Tom', phone: '555-0101' },
  ];

  it("an update lists a family's contacts element by element", async () => {
    const changes = await diff(
      'update',
      {
        method: 'PUT',
        body: {
          contacts: [
            { ...contacts[0], phone: '555-0199' },
            { id: 4, name: 'Ann' },
          ],
        },
        response: { status: 200 },
      },
      { id: '7', contacts },
    );
    expect(changes).toEqual([
      { field: 'contacts[id=1].phone', before: '555-0100', after: '555-0199' },
      { field: 'contacts[id=3]', before: contacts[1], after: null },
      { field: 'contacts[id=4]', before: null, after: { id: 4, name: 'Ann' } },
    ]);
  });

  it('a record that is an array: update, create and delete element by element', async () => {
    const nodes = [
      { id: 'n1', type: 'inject', repeat: '60' },
      { id: 'n2', type: 'debug' },
    ];
    expect(await diff('deploy', { method: 'POST', body: [{ ...nodes[0], repeat: '30' }, nodes[1]], response: { status: 200, body: {} } }, nodes)).toEqual([
      { field: '[id=n1].repeat', before: '60', after: '30' },
    ]);
    expect(await diff('create', { method: 'POST', body: nodes, response: { status: 200 } })).toEqual([
      { field: '[id=n1]', before: null, after: nodes[0] },
      { field: '[id=n2]', before: null, after: nodes[1] },
    ]);
    expect(await diff('delete', { method: 'DELETE', response: { status: 204 } }, nodes)).toEqual([
      { field: '[id=n1]', before: nodes[0], after: null },
      { field: '[id=n2]', before: nodes[1], after: null },
    ]);
  });

  it("keys elements by the rule's elementKeys", async () => {
    const flow = fakeFlow({ method: 'PUT', body: { rows: [{ sku: 'A', id: 2, qty: 3 }] }, response: { status: 200 } });
    flow.match = { rule: { path: '/x', type: 'order', elementKeys: ['sku'] }, params: {} };
    flow.before = { rows: [{ sku: 'A', id: 1, qty: 1 }] };
    flow.records = [{ type: 'order', id: '7', name: null, op: 'update', link: null, changes: [] }];
    expect((await runSteps(flow, [diffStep()])).records[0]!.changes.map((c) => c.field)).toEqual(['rows[sku=A].id', 'rows[sku=A].qty']);
  });
});

describe('diff step with a bare JSON body', () => {
  it('keeps a bare JSON scalar as the one field body, not the portal reply', async () => {
    expect(await diff('update', { method: 'PUT', body: '1.0.0', response: { status: 200, body: { ok: true } } })).toEqual([{ field: 'body', before: null, after: '1.0.0' }]);
  });
});
