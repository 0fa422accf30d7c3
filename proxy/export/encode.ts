import { Transform } from 'node:stream';
import { stringify } from 'csv-stringify/sync';
import type { Entry } from '../../shared/entry.ts';
import { exportHeader, exportRow } from '../../shared/format/export-row.ts';
import { tsvLine } from '../../shared/format/tsv.ts';

export type ExportFormat = 'csv' | 'tsv' | 'jsonl';

export const EXPORT_CONTENT_TYPES: Record<ExportFormat, string> = {
  csv: 'text/csv; charset=utf-8; header=present',
  tsv: 'text/tab-separated-values; charset=utf-8',
  jsonl: 'application/x-ndjson; charset=utf-8',
};

/** RFC 4180: CRLF line ends, a cell quoted when it holds a comma, quote or line break. */
const csvLine = (cells: readonly string[]) => stringify([cells], { record_delimiter: 'windows' });

/**
 * A stream that takes entries (object mode) and gives the export's text, one line per entry, so a
 * million-entry export never sits in memory. CSV and TSV start with the header row (CSV after a BOM); JSON Lines keeps
 * whole entries, hashes included, so an export can be re-verified elsewhere.
 */
export function createExportEncoder(format: ExportFormat, timezone: string): Transform {
  const line = format === 'csv' ? csvLine : format === 'tsv' ? tsvLine : null;
  let headerSent = false;
  const header = () => {
    if (!line || headerSent) return '';
    headerSent = true;
    // The byte-order mark makes Excel on Windows read the file as UTF-8 ("→", names with accents).
    return `${format === 'csv' ? '\uFEFF' : ''}${line(exportHeader(timezone))}`;
  };
  return new Transform({
    writableObjectMode: true,
    transform(entry: Entry, _encoding, done) {
      done(null, line ? header() + line(exportRow(entry, timezone)) : `${JSON.stringify(entry)}\n`);
    },
    flush(done) {
      // An export with no matches still says what its columns are.
      done(null, header());
    },
  });
}
