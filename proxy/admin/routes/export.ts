import { pipeline } from 'node:stream/promises';
import type { Entry } from '../../../shared/entry.ts';
import { EXPORT_CONTENT_TYPES, createExportEncoder } from '../../export/encode.ts';
import { describeQuery, plural } from '../audit-self.ts';
import { HttpError } from '../http.ts';
import { parseExportParams } from '../params.ts';
import { callerOf, type Route } from '../route.ts';

/**
 * Every match (not one page) as a download, streamed so a large export holds no more than a line
 * in memory. The export is logged before the response is ended: a download the log could not record
 * is cut off, so it arrives visibly broken rather than complete and unaudited.
 */
export const exportEntries: Route = {
  method: 'GET',
  path: '/api/export',
  access: 'admin',
  async handle(ctx, { engine, store, audit, config }) {
    const { request, format } = parseExportParams(ctx.url.searchParams);
    if (!store.writable()) throw new HttpError(503, 'the audit log cannot record an export right now, so it was refused');
    const caller = callerOf(ctx);
    const day = new Date().toISOString().slice(0, 10);
    ctx.res.writeHead(200, {
      'Content-Type': EXPORT_CONTENT_TYPES[format],
      'Content-Disposition': `attachment; filename="portal-audit-${day}.${format}"`,
      'Cache-Control': 'no-store',
    });
    let count = 0;
    async function* counted(entries: AsyncIterable<Entry>) {
      for await (const entry of entries) {
        count++;
        yield entry;
      }
    }
    const action = (how: string) =>
      `Exported ${plural(count, 'entry', 'entries')} as ${format.toUpperCase()}${how} matching ${describeQuery(request)}`;
    try {
      await pipeline(engine.matches(request), counted, createExportEncoder(format, config.timezone), ctx.res, { end: false });
    } catch (err) {
      // The admin went away (or the read failed) part way: what they already received is still on record.
      await audit.record(ctx.req, caller, ctx.ip, { verb: 'export', action: action(' (stopped part way)') }).catch(() => {});
      ctx.res.destroy(err as Error);
      return;
    }
    try {
      await audit.record(ctx.req, caller, ctx.ip, { verb: 'export', action: action('') });
    } catch {
      ctx.res.destroy();
      return;
    }
    ctx.res.end();
  },
};
