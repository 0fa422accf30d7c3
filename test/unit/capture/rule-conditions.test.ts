import { describe, expect, it } from 'vitest';
import { compileConditions, MAX_CONDITION_VALUES } from '../../../proxy/capture/rule-conditions.ts';

describe('rule conditions', () => {
  it('a * fans out over keys and elements; any value found may satisfy the condition', () => {
    const deprecated = compileConditions({ 'body.versions.*.deprecated': { present: true } });
    expect(deprecated({ body: { versions: { '1.0.0': {}, '2.0.0': { deprecated: 'old' } } }, query: {} })).toBe(true);
    expect(deprecated({ body: { versions: [{}, { deprecated: 'old' }] }, query: {} })).toBe(true);
    expect(deprecated({ body: { versions: { '1.0.0': { deprecated: null } } }, query: {} })).toBe(false);
    expect(deprecated({ body: 'versions', query: {} })).toBe(false);
  });

  it('present: false holds only when no value is there', () => {
    const noForce = compileConditions({ 'query.force': { present: false } });
    expect(noForce({ body: null, query: {} })).toBe(true);
    expect(noForce({ body: null, query: { force: '' } })).toBe(false);
  });

  it(`looks at no more than ${MAX_CONDITION_VALUES} values, however many keys a body has`, () => {
    const versions: Record<string, unknown> = {};
    for (let i = 0; i < MAX_CONDITION_VALUES * 3; i++) versions[`0.0.${i}`] = {};
    versions['9.9.9'] = { deprecated: 'late' };
    const deprecated = compileConditions({ 'body.versions.*.deprecated': { present: true } });
    expect(deprecated({ body: { versions }, query: {} })).toBe(false);
    versions['0.0.0'] = { deprecated: 'early' };
    expect(deprecated({ body: { versions }, query: {} })).toBe(true);
  });

  it('inherited names are not fields: a body without them does not satisfy present', () => {
    const ctor = compileConditions({ 'body.constructor': { present: true }, 'body.toString': { present: true } });
    expect(ctor({ body: {}, query: {} })).toBe(false);
  });
});
