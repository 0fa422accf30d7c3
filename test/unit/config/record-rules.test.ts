import { describe, expect, it } from 'vitest';
import { parseConfig } from '../../../proxy/config/load.ts';

const portals = [{ listen: '127.0.0.1:0', target: 'http://127.0.0.1:9', source: 'Office Portal' }];
const withRule = (rule: Record<string, unknown>) => () => parseConfig({ portals, records: [{ path: '/:pkg', type: 'package', ...rule }] });

describe('record rules in the config', () => {
  it('accepts conditions on the body and the query, and a snapshot lookup path', () => {
    const config = parseConfig({
      portals,
      records: [
        {
          method: 'PUT',
          path: '/:pkg',
          type: 'package',
          verb: 'deprecate',
          when: { 'body.versions.*.deprecated': { present: true }, 'query.write': { equals: 'true' }, 'body["dist-tags"].latest': { matches: '^1\\.' } },
        },
        { method: 'POST', path: '/flows', type: 'flows', verb: 'deploy', snapshot: { get: '/flows' } },
      ],
    });
    expect(config.records[1]!.snapshot).toEqual({ get: '/flows' });
  });

  it('names the key of a bad condition', () => {
    expect(withRule({ when: { 'headers.x': { present: true } } })).toThrow(/records\[0\]\.when\.headers\.x: .*body\. or query\./);
    expect(withRule({ when: { 'body.name': { matches: '([' } } })).toThrow(/records\[0\]\.when\.body\.name\.matches: not a valid regular expression/);
    expect(withRule({ when: { 'body.name': {} } })).toThrow(/records\[0\]\.when\.body\.name: .*present, equals or matches/);
    expect(withRule({ when: { 'body.name': { present: true, like: 'x' } } })).toThrow(/records\[0\]\.when\.body\.name: unknown key "like"/);
    expect(withRule({ when: { 'body.versions["1.0': { present: true } } })).toThrow(/records\[0\]\.when\.body\.versions\["1\.0: /);
  });

  it('names the key of a bad snapshot lookup', () => {
    expect(withRule({ snapshot: { get: 'flows' } })).toThrow(/records\[0\]\.snapshot\.get: /);
    expect(withRule({ snapshot: 'yes' })).toThrow(/records\[0\]\.snapshot: /);
  });

  it("names the key of a redactPath entry that is no :param of the rule's path, at load rather than by leaking at request time", () => {
    const reset = (redactPath: unknown) => () => parseConfig({ portals, records: [{ method: 'POST', path: '/reset/:token', type: 'password reset', redactPath }] });
    expect(reset(['token'])).not.toThrow();
    expect(reset(['tokn'])).toThrow(/records\[0\]\.redactPath\[0\]: "tokn" is not a :param of \/reset\/:token \(its :params: token\)/);
    expect(reset(['token', ':token'])).toThrow(/records\[0\]\.redactPath\[1\]: ":token" is not a :param/);
    expect(reset(['{params.token}'])).toThrow(/records\[0\]\.redactPath\[0\]: /);
    expect(reset('token')).toThrow(/records\[0\]\.redactPath: /);
    expect(() => parseConfig({ portals, recordReads: [{ path: '/files/:name', type: 'file', redactPath: ['id'] }] })).toThrow(
      /recordReads\[0\]\.redactPath\[0\]: "id" is not a :param of \/files\/:name/,
    );
    expect(() => parseConfig({ portals, records: [{ path: '/files', type: 'file', redactPath: ['id'] }] })).toThrow(/records\[0\]\.redactPath\[0\]: "id" is not a :param of \/files \(it has none\)/);
  });

  it('accepts a redactPath naming a quoted :param with a dash, or a *wildcard', () => {
    expect(parseConfig({ portals, records: [{ method: 'POST', path: '/files/*rest', type: 'file', redactPath: ['rest'] }] }).records[0]?.redactPath).toEqual(['rest']);
    const config = parseConfig({ portals, records: [{ method: 'POST', path: '/reset/:"reset-token"', type: 'password reset', redactPath: ['reset-token'] }] });
    expect(config.records[0]?.redactPath).toEqual(['reset-token']);
  });
});
