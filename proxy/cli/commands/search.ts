import type { Command } from 'commander';
import { DEFAULT_SEARCH_LIMIT, MAX_SEARCH_LIMIT, SearchQuery, type SearchResponse } from '../../../shared/api.ts';
import { formatEntryLine } from '../../../shared/format/entry-line.ts';
import { parseFlags } from '../flags.ts';
import { addFilterOptions, openSearch, type RawOptions } from '../search-options.ts';

/** What the text was understood as, the way the extension shows it as chips. */
function understood(result: SearchResponse): string {
  const chips = result.parsed.chips.map((chip) => chip.label);
  return chips.length ? `Understood as: ${chips.join(' · ')}` : 'Understood as: everything';
}

/** `portal-audit search "<query>"`: the extension's search box on the command line. */
export function addSearchCommand(program: Command): void {
  addFilterOptions(
    program
      .command('search')
      .description('search the audit log the way the extension does, e.g. portal-audit search "01/01/2015 5:10 pm admin deleted Smith"')
      .argument('[query]', 'free text: dates, times, staff usernames, verbs, names, qualifiers like source:"Office Portal"'),
  )
    .option('--limit <n>', `entries to show, 1–${MAX_SEARCH_LIMIT} (default ${DEFAULT_SEARCH_LIMIT})`)
    .option('--json', 'print the whole answer as the API gives it')
    .action(async (q: string | undefined, { dataDir, json, ...flags }: RawOptions) => {
      const request = parseFlags(SearchQuery, { q, ...flags }, { q: 'query' });
      const { settings, store, engine } = await openSearch(program, dataDir);
      try {
        const result = await engine.search(request);
        if (json) return console.log(JSON.stringify(result, null, 2));
        console.log(understood(result));
        for (const entry of result.entries) console.log(formatEntryLine(entry, settings));
        const total = `${result.totalIsEstimate ? 'about ' : ''}${result.total} ${result.total === 1 ? 'match' : 'matches'}`;
        console.log(result.nextCursor ? `${total}; showing the newest ${result.entries.length} (use --limit for more)` : total);
      } finally {
        await engine.close();
        await store.close();
      }
    });
}
