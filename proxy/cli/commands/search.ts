import type { Command } from 'commander';
import type { SearchResponse } from '../../../shared/api.ts';
import { formatEntryLine } from '../../../shared/format/entry-line.ts';
import { parseSearchParams } from '../../admin/params.ts';
import { addFilterOptions, openSearch, parseOrExit, toQuery, type FilterOptions } from '../search-options.ts';

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
    .option('--limit <n>', 'entries to show, 1–500', '50')
    .option('--json', 'print the whole answer as the API gives it')
    .action(async (q: string | undefined, options: FilterOptions & { limit: string; json?: boolean }, cmd: Command) => {
      const request = parseOrExit(cmd, () => parseSearchParams(toQuery(q, options, { limit: options.limit })));
      const { settings, store, engine } = await openSearch(program, options.dataDir);
      try {
        const result = await engine.search(request);
        if (options.json) return console.log(JSON.stringify(result, null, 2));
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
