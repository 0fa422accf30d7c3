import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { REDACTED, type FieldChange } from '../../../shared/entry.ts';
import { createHash } from 'node:crypto';
import { LARGE_VALUE_BYTES } from '../../../proxy/capture/body-limits.ts';
import { redactStep, WITHHELD } from '../../../proxy/capture/steps/redact.ts';
import { TOO_DEEP } from '../../../proxy/store/sanitize.ts';
import { fakeFlow, runSteps } from '../../helpers/fake-flow.ts';

const CARD = '4111111111111111';

/** Redacts one record's changes and returns them. */
async function redacted(changes: FieldChange[], redact: string[] = []) {
  const flow = fakeFlow();
  flow.records = [{ type: 'card', id: '1', name: null, op: 'update', link: null, changes }];
  return (await runSteps(flow, [redactStep({ redact })])).records[0]!.changes;
}

describe('redact step', () => {
  it('masks secret-named fields in snake, kebab and camel case but keeps their names', async () => {
    const changes = await redacted([
      { field: 'new_password', before: 'a', after: 'b' },
      { field: 'api-key', before: null, after: 'k' },
      { field: 'cardNumber', before: 'x', after: 'y' },
      { field: 'shipping', before: 'ground', after: 'air' },
    ]);
    expect(changes).toEqual([
      { field: 'new_password', before: REDACTED, after: REDACTED },
      { field: 'api-key', before: null, after: REDACTED },
      { field: 'cardNumber', before: REDACTED, after: REDACTED },
      { field: 'shipping', before: 'ground', after: 'air' },
    ]);
  });

  it('masks secrets nested in objects and arrays, and a dotted field with a secret part', async () => {
    const changes = await redacted([
      { field: 'billing', before: null, after: { zip: '60601', cvv: '123', cards: [{ pin: '1111', label: 'home' }] } },
      { field: 'payment.cvv', before: '1', after: '2' },
    ]);
    expect(changes).toEqual([
      { field: 'billing', before: null, after: { zip: '60601', cvv: REDACTED, cards: [{ pin: REDACTED, label: 'home' }] } },
      { field: 'payment.cvv', before: REDACTED, after: REDACTED },
    ]);
  });

  it('masks Luhn-valid card numbers in strings and numbers, grouped or not, and leaves other digits', async () => {
    const changes = await redacted([
      { field: 'note', before: 'card 4111 1111 1111 1111 on file', after: 'card 4111-1111-1111-1111' },
      { field: 'ref', before: Number(CARD), after: 4111111111111112 },
      { field: 'phone', before: '312-555-0100', after: '4111 1111 1111 1112' },
    ]);
    expect(changes).toEqual([
      { field: 'note', before: `card ${REDACTED} on file`, after: `card ${REDACTED}` },
      { field: 'ref', before: REDACTED, after: 4111111111111112 },
      { field: 'phone', before: '312-555-0100', after: '4111 1111 1111 1112' },
    ]);
  });

  it('masks the fields config.redact names, whatever their case or separators', async () => {
    const changes = await redacted(
      [
        { field: 'medical-notes', before: 'a', after: 'b' },
        { field: 'notes', before: 'a', after: 'b' },
      ],
      ['medicalNotes'],
    );
    expect(changes).toEqual([
      { field: 'medical-notes', before: REDACTED, after: REDACTED },
      { field: 'notes', before: 'a', after: 'b' },
    ]);
  });

  it('masks card numbers in everything else headed for the store: record, action, path, user agent, actor', async () => {
    const flow = fakeFlow();
    flow.records = [{ type: 'card', id: CARD, name: `Card ${CARD}`, op: 'create', link: `/cards/${CARD}`, changes: [] }];
    flow.draft = { action: `Created card ${CARD}`, path: `/api/cards/${CARD}`, userAgent: `UA ${CARD}` };
    flow.actor = { member: `M ${CARD}`, memberKind: 'unknown', username: CARD };
    await runSteps(flow, [redactStep()]);
    expect(flow.records[0]).toMatchObject({ id: REDACTED, name: `Card ${REDACTED}`, link: `/cards/${REDACTED}` });
    expect(flow.draft).toEqual({ action: `Created card ${REDACTED}`, path: `/api/cards/${REDACTED}`, userAgent: `UA ${REDACTED}` });
    expect(flow.actor).toEqual({ member: `M ${REDACTED}`, memberKind: 'unknown', username: REDACTED });
  });

  it('masks the value of a name/value pair whose name is secret', async () => {
    const changes = await redacted([
      {
        field: 'params',
        before: null,
        after: [
          { name: 'password', value: 'hunter2' },
          { name: 'color', value: 'blue' },
          { key: 'API_KEY', value: 'k' },
        ],
      },
    ]);
    expect(changes[0]!.after).toEqual([
      { name: 'password', value: REDACTED },
      { name: 'color', value: 'blue' },
      { key: 'API_KEY', value: REDACTED },
    ]);
  });

  it('walks values of any depth without recursion, cutting them at the documented depth', async () => {
    let deep: unknown = { password: 'bottom-secret' };
    for (let i = 0; i < 100_000; i++) deep = { next: deep, pin: '1234' };
    const flow = fakeFlow();
    flow.records = [{ type: 't', id: '1', name: null, op: 'delete', link: null, changes: [{ field: 'tree', before: deep, after: null }] }];
    await runSteps(flow, [redactStep()]);
    const text = JSON.stringify(flow.records[0]!.changes);
    expect(text).toContain(TOO_DEEP);
    expect(text).not.toContain('bottom-secret');
    expect(text).not.toContain('1234');
    expect(flow.draft.notes).toEqual([expect.stringMatching(/nested deeper than 32 levels/)]);
  });

  it('summarises strings over LARGE_VALUE_BYTES as size and sha256', async () => {
    const big = 'A'.repeat(LARGE_VALUE_BYTES + 1);
    const changes = await redacted([{ field: 'data', before: null, after: big }]);
    expect(changes[0]!.after).toBe(`[${big.length} bytes, sha256 ${createHash('sha256').update(big).digest('hex')}]`);
  });

  it('masks the path params a rule marks with redactPath wherever they show', async () => {
    const flow = fakeFlow({ method: 'POST', path: '/reset/tok-SECRET-123' });
    flow.match = { rule: { path: '/reset/:token', type: 'reset', redactPath: ['token'] }, params: { token: 'tok-SECRET-123' } };
    flow.records = [{ type: 'reset', id: 'tok-SECRET-123', name: null, op: 'create', link: '/reset/tok-SECRET-123', changes: [] }];
    flow.draft = { action: 'POST /reset/tok-SECRET-123', path: '/reset/tok-SECRET-123' };
    await runSteps(flow, [redactStep()]);
    expect(JSON.stringify({ draft: flow.draft, records: flow.records })).not.toContain('SECRET');
    expect(flow.draft.path).toBe(`/reset/${REDACTED}`);
  });

  it('fails closed: when redaction throws, every value is withheld and the entry says so', async () => {
    const hostile = new Proxy(
      {},
      {
        ownKeys: () => {
          throw new Error('boom');
        },
      },
    );
    const flow = fakeFlow({ method: 'PATCH', path: '/api/students/1' });
    flow.draft = { action: 'Updated student', path: '/api/students/1' };
    flow.records = [{ type: 'student', id: '1', name: 'Jane', op: 'update', link: null, changes: [{ field: 'note', before: 'visible', after: hostile }] }];
    await runSteps(flow, [redactStep()]);
    expect(flow.records[0]!.changes).toEqual([{ field: WITHHELD, before: WITHHELD, after: WITHHELD }]);
    expect(JSON.stringify(flow.records)).not.toContain('visible');
    expect(flow.draft.notes).toEqual([expect.stringMatching(/redaction failed/)]);
  });

  it('property: a secret under a secret-named field, in a name/value pair or as a card number, anywhere in any JSON value, is masked', async () => {
    const names = fc.constantFrom('password', 'new_pwd', 'CVV2', 'securityCode', 'otp', 'social-security-number', 'AccessKey', 'authorization', 'pin');
    const placed = fc.oneof(
      names.map((name) => (secret: string) => ({ [name]: secret })),
      names.map((name) => (secret: string) => [{ name, value: secret }]),
      fc.constant((_secret: string) => ({ memo: 'card 4111 1111 1111 1111 on file' })),
    );
    const path = fc.array(fc.oneof(fc.constantFrom('a', 'items', 'meta'), fc.constant(0)), { maxLength: 6 });
    await fc.assert(
      fc.asyncProperty(fc.jsonValue({ maxDepth: 3 }), placed, path, fc.stringMatching(/^[A-Za-z0-9]{12,20}$/), async (noise, place, at, token) => {
        const secret = `Sx${token}`;
        const leaf = at.reduceRight<unknown>((inner, step) => (typeof step === 'number' ? [inner] : { [step]: inner }), place(secret));
        const changes = await redacted([{ field: 'data', before: noise, after: [noise, leaf] }]);
        const text = JSON.stringify(changes);
        expect(text).not.toContain(secret);
        expect(text).not.toContain('4111 1111 1111 1111');
      }),
    );
  });
});
