import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { MAX_SEARCH_LIMIT, SearchQuery } from '../../shared/api.ts';
import { ApiClient } from '../../extension/api/client.ts';
import { parseSearchParams } from '../../proxy/admin/params.ts';
import { parseFlags } from '../../proxy/cli/flags.ts';
import { UserError } from '../../proxy/user-error.ts';

/** The URL the extension's client asks for a query (its fetch only records it). */
async function urlOf(query: SearchQuery): Promise<URL> {
  let asked = '';
  const client = new ApiClient({
    baseUrl: 'http://127.0.0.1:7070',
    token: 'pa_test',
    fetch: async (input) => {
      asked = input instanceof Request ? input.url : input.toString();
      return new Response('{}', { headers: { 'content-type': 'application/json' } });
    },
  });
  await client.search(query).catch(() => {});
  return new URL(asked);
}

/** A list value as the API can carry it: commas separate values and blanks around them are dropped. */
const name = fc.string({ minLength: 1, maxLength: 20 }).filter((s) => !s.includes(',') && s.trim() === s && s !== '');
const day = fc.date({ min: new Date('1990-01-01T00:00:00Z'), max: new Date('2099-12-31T00:00:00Z'), noInvalidDate: true });
const bound = fc.oneof(
  day.map((d) => d.toISOString().slice(0, 10)),
  day.map((d) => d.toISOString()),
  day.map((d) => d.toISOString().slice(0, 16)),
);

const searchQuery: fc.Arbitrary<SearchQuery> = fc.record(
  {
    q: fc.string({ maxLength: 1000 }),
    from: bound,
    to: bound,
    staff: fc.array(name, { maxLength: 3 }),
    source: fc.array(name, { maxLength: 3 }),
    verb: fc.array(name, { maxLength: 3 }),
    type: fc.array(name, { maxLength: 3 }),
    limit: fc.integer({ min: 1, max: MAX_SEARCH_LIMIT }),
    cursor: fc.string({ minLength: 1, maxLength: 500 }),
    bucket: fc.constantFrom('hour', 'day', 'week', 'month'),
    commit: fc.boolean(),
  },
  { requiredKeys: ['staff', 'source', 'verb', 'type', 'limit', 'commit'] },
);

describe('SearchQuery on the wire', () => {
  it("parses back on the server to the query the extension's client sent", async () => {
    await fc.assert(
      fc.asyncProperty(searchQuery, async (query) => {
        const url = await urlOf(query);
        expect(url.pathname).toBe('/api/entries');
        expect(parseSearchParams(url.searchParams)).toEqual(query);
      }),
      { numRuns: 300 },
    );
  });

  it('reads the CLI flags with the same schema, a bad one as one line naming the flag', () => {
    expect(parseFlags(SearchQuery, { q: 'smith', source: ['Office Portal,Staff Portal'], limit: '5' }, { q: 'query' })).toEqual({
      q: 'smith',
      staff: [],
      source: ['Office Portal', 'Staff Portal'],
      verb: [],
      type: [],
      limit: 5,
      commit: false,
    });
    const bad = (options: object) => {
      try {
        parseFlags(SearchQuery, options, { q: 'query' });
      } catch (err) {
        return err instanceof UserError ? [err.message, err.exitCode] : err;
      }
      return null;
    };
    expect(bad({ limit: '900' })).toEqual(['--limit: must be at most 500', 2]);
    expect(bad({ from: 'tuesday' })).toEqual([expect.stringMatching(/^--from: expected a real date/), 2]);
    expect(bad({ q: 'x'.repeat(1001) })).toEqual(['query: at most 1000 characters', 2]);
  });
});
