/**
 * Tab-separated values as Excel and Google Sheets read them from the clipboard: a cell holding a tab,
 * a line break or a quote is quoted, with quotes doubled, so it stays one cell.
 */
export function tsvCell(value: string): string {
  return /[\t\r\n"]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value;
}

export function tsvLine(cells: readonly string[]): string {
  return `${cells.map(tsvCell).join('\t')}\r\n`;
}

/** A whole table: pass the header row first. */
export function toTsv(rows: readonly (readonly string[])[]): string {
  return rows.map(tsvLine).join('');
}
