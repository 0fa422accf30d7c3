import { createWriteStream } from 'node:fs';
import { pipeline } from 'node:stream/promises';
import { SingleBar } from 'cli-progress';
import type { Command } from 'commander';
import type { Entry } from '../../../shared/entry.ts';
import { ExportQuery } from '../../admin/params.ts';
import { createExportEncoder } from '../../export/encode.ts';
import { parseFlags } from '../flags.ts';
import { addFilterOptions, openSearch, type RawOptions } from '../search-options.ts';

/** `portal-audit export`: every match as CSV, TSV or JSON Lines, the same file the API's export gives. */
export function addExportCommand(program: Command): void {
  addFilterOptions(
    program
      .command('export')
      .description('write every matching entry as CSV (RFC 4180, header row, zoned times), TSV or JSON Lines')
      .argument('[query]', 'free text, as for search; empty exports everything the filters allow'),
  )
    .option('--format <format>', 'csv, tsv or jsonl', 'csv')
    .option('--out <file>', 'write to this file instead of standard output')
    .action(async (q: string | undefined, { dataDir, out, ...flags }: RawOptions & { out?: string }) => {
      const { format, ...request } = parseFlags(ExportQuery, { q, ...flags }, { q: 'query' });
      const { settings, store, engine } = await openSearch(program, dataDir);
      try {
        const { total } = await engine.search({ ...request, limit: 1 });
        // The bar goes to stderr and only to a terminal, so a redirected export stays clean.
        const bar = process.stderr.isTTY ? new SingleBar({ format: 'exporting [{bar}] {value}/{total} entries', stream: process.stderr }) : null;
        bar?.start(total, 0);
        let written = 0;
        async function* counted(entries: AsyncIterable<Entry>) {
          for await (const entry of entries) {
            yield entry;
            if (++written % 1000 === 0) bar?.update(written);
          }
        }
        const target = out ? createWriteStream(out) : process.stdout;
        await pipeline(engine.matches(request), counted, createExportEncoder(format, settings.timezone), target, { end: Boolean(out) });
        bar?.update(written);
        bar?.stop();
        if (out) console.error(`${written} entries written to ${out}`);
      } finally {
        await engine.close();
        await store.close();
      }
    });
}
