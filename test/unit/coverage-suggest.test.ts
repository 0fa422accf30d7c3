import { describe, expect, it } from 'vitest';
import { parseConfig } from '../../proxy/config/load.ts';
import { compileRulePath } from '../../proxy/capture/route-match.ts';
import { pathPattern, suggestRule } from '../../proxy/coverage/coverage.ts';

const portals = [{ listen: '127.0.0.1:0', target: 'http://127.0.0.1:9', source: 'Office Portal' }];

describe('a draft rule from coverage', () => {
  it.each([
    ['POST', '/v1/documents/doc-a:batchUpdate', {}],
    ['POST', '/api/reports(2024)/7', { id: '7' }],
    ['PUT', '/api/files/*/7', { id: '7' }],
  ])('%s %s loads as a config rule and matches the path it came from', (method, path, params) => {
    const rule = suggestRule(method, pathPattern(path));
    const [loaded] = parseConfig({ portals, records: [rule] }).records;
    expect(loaded?.path).toBe(rule.path);
    expect(compileRulePath(loaded?.path ?? '')(path)).toEqual(params);
  });
});
