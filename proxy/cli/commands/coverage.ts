import { existsSync } from 'node:fs';
import type { Command } from 'commander';
import { formatDateTime } from '../../../shared/format/date-time.ts';
import { coverageSummary } from '../../../shared/format/coverage-summary.ts';
import { loadConfig } from '../../config/load.ts';
import { computeCoverage } from '../../coverage/coverage.ts';
import { createStore } from '../../store/create-store.ts';
import { existingLogSettings } from '../settings.ts';
import { formatTable } from '../table.ts';

/** `portal-audit coverage`: which endpoints the record rules miss, with a draft rule for each. */
export function addCoverageCommand(program: Command): void {
  program
    .command('coverage')
    .description('show, per method and path pattern, how many changes named their record and actor, with draft rules for the rest')
    .option('--json', 'print the report as JSON')
    .option('--data-dir <dir>', "data folder (default: the config file's dataDir)")
    .action(async (options: { json?: boolean; dataDir?: string }) => {
      const settings = existingLogSettings(program, options.dataDir);
      const configFile: string = program.opts<{ config: string }>().config;
      // Today's rules, when there is a config: a pattern they cover gets no suggestion.
      const rules = existsSync(configFile) ? loadConfig(configFile).records : [];
      // Read-only: coverage may run beside the proxy that is writing the log.
      const store = createStore(settings, { readOnly: true });
      await store.open();
      const report = await computeCoverage(store.readSeq(1), { rules });
      await store.close();
      if (options.json) return console.log(JSON.stringify(report, null, 2));

      console.log(`${coverageSummary(report)} (${report.matched} of ${report.mutations} changes; ${report.named} name who acted)`);
      if (report.endpoints.length === 0) return;
      const rows = [['METHOD', 'PATH', 'SEEN', 'RULE', 'ACTOR', 'LAST SEEN']];
      for (const e of report.endpoints) {
        const rule = e.coveredNow ? 'new rule' : String(e.matched);
        rows.push([e.method, e.pattern, String(e.seen), rule, String(e.named), formatDateTime(e.lastSeen, settings.timezone, settings.dateOrder)]);
      }
      for (const line of formatTable(rows, new Set([2, 3, 4]))) console.log(line);
      const drafts = report.endpoints.filter((e) => e.suggestedRule);
      if (drafts.length === 0) return;
      console.log('\nDraft rules for the endpoints with none (add them to "records" in the config, then name, link and verb):');
      for (const e of drafts) console.log(`  ${JSON.stringify(e.suggestedRule)},`);
      if (report.truncated) console.log('\n(more paths than the report keeps: the rest are counted in the * row)');
    });
}
