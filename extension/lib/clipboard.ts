import type { Entry } from '../../shared/entry.ts';
import { exportHeader, exportRow } from '../../shared/format/export-row.ts';
import { toTsv } from '../../shared/format/tsv.ts';

const HTML_ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' };

function escapeHtml(text: string): string {
  return text.replace(/[&<>"]/g, (c) => HTML_ESCAPES[c] ?? c);
}

/** The same cells as the export, as TSV with a header row and as an HTML table. */
export function selectionAsTable(entries: readonly Entry[], timezone: string): { tsv: string; html: string } {
  const rows = entries.map((entry) => exportRow(entry, timezone));
  const header = exportHeader(timezone);
  const tsv = toTsv([header, ...rows]);
  const cell = (tag: 'th' | 'td', text: string) => `<${tag}>${escapeHtml(text).replace(/\n/g, '<br>')}</${tag}>`;
  const html =
    '<table><thead><tr>' + header.map((c) => cell('th', c)).join('') + '</tr></thead><tbody>' + rows.map((r) => `<tr>${r.map((c) => cell('td', c)).join('')}</tr>`).join('') + '</tbody></table>';
  return { tsv, html };
}

/**
 * Puts both flavours on the clipboard so Excel and Google Sheets paste cells (they prefer text/html),
 * and plain editors still get tab-separated text. Browsers without ClipboardItem get the text only.
 */
export async function copyTable(table: { tsv: string; html: string }): Promise<'both' | 'text'> {
  if (typeof ClipboardItem !== 'undefined' && navigator.clipboard.write) {
    try {
      await navigator.clipboard.write([
        new ClipboardItem({
          'text/plain': new Blob([table.tsv], { type: 'text/plain' }),
          'text/html': new Blob([table.html], { type: 'text/html' }),
        }),
      ]);
      return 'both';
    } catch {
      // Some browsers refuse text/html in write(); text alone still pastes as cells.
    }
  }
  await navigator.clipboard.writeText(table.tsv);
  return 'text';
}
