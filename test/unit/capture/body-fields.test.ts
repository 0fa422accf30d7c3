import { describe, expect, it } from 'vitest';
import { BODY_FIELD, bodyFields } from '../../../proxy/capture/body-fields.ts';
import type { CapturedBody } from '../../../proxy/capture/flow.ts';

const body = (kind: CapturedBody['kind'], value: unknown): CapturedBody => ({ kind, value, size: 1, truncated: false });

describe('bodyFields', () => {
  it("an object body's fields are its own", () => {
    const fields = { firstName: 'Jane' };
    expect(bodyFields(body('json', fields))).toBe(fields);
    expect(bodyFields(body('form', fields))).toBe(fields);
  });

  it('a bare JSON string, number or boolean is the one field "body"', () => {
    expect(BODY_FIELD).toBe('body');
    for (const value of ['1.0.0', 0, false]) expect(bodyFields(body('json', value))).toEqual({ body: value });
  });

  it('has no fields for an array, null, or a scalar that is not JSON', () => {
    expect(bodyFields(body('json', ['a']))).toBeNull();
    expect(bodyFields(body('json', null))).toBeNull();
    expect(bodyFields(body('text', 'plain text'))).toBeNull();
    expect(bodyFields(body('none', null))).toBeNull();
  });
});
