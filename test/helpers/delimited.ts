/**
 * Readers for what the exporter and the clipboard copy write, kept apart from those writers so a test
 * checks the format rather than a writer against itself. A quoted cell may hold the delimiter, line
 * breaks and doubled quotes.
 */
interface Dialect {
  delimiter: string;
  /** RFC 4180: every record ends with CRLF and a bare quote inside an unquoted cell is an error. */
  strict: boolean;
}

function parse(text: string, { delimiter, strict }: Dialect): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let i = 0;
  while (i < text.length) {
    let cell = '';
    if (text[i] === '"') {
      i++;
      for (;;) {
        if (i >= text.length) throw new Error('unterminated quoted cell');
        if (text[i] === '"') {
          if (text[i + 1] === '"') {
            cell += '"';
            i += 2;
            continue;
          }
          i++;
          break;
        }
        cell += text[i++];
      }
    } else {
      while (i < text.length && text[i] !== delimiter && text[i] !== '\r' && text[i] !== '\n') {
        if (strict && text[i] === '"') throw new Error(`bare quote at ${i}`);
        cell += text[i++];
      }
    }
    row.push(cell);
    if (text[i] === delimiter) {
      i++;
      continue;
    }
    if (text.startsWith('\r\n', i)) i += 2;
    else if (!strict && text[i] === '\n') i++;
    else if (strict) throw new Error(`expected ${JSON.stringify(delimiter)} or CRLF at ${i}, found ${JSON.stringify(text.slice(i, i + 5))}`);
    rows.push(row);
    row = [];
  }
  if (row.length) throw new Error('last record does not end with a line break');
  return rows;
}

/** A strict RFC 4180 reader, as for the CSV export. */
export const parseCsv = (text: string) => parse(text, { delimiter: ',', strict: true });

/** Tab-separated values the way a spreadsheet reads a paste: rows end with CRLF or LF. */
export const parseTsv = (text: string) => parse(text, { delimiter: '\t', strict: false });
