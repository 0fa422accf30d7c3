import { PassThrough, Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { Entry } from '../../../shared/entry.ts';
import { EXPORT_CONTENT_TYPES, createExportEncoder } from '../../export/encode.ts';
import { HttpError } from '../../http/http-error.ts';
import { describeQuery, plural } from '../audit-self.ts';
import { parseExportParams } from '../params.ts';
import { queryOf, type Route } from '../route.ts';

/**
 * Every match (not one page) as a download, streamed so a large export holds no more than a line
 * in memory. The export is logged before the response is ended: a download the log could not record
 * is cut off, so it arrives visibly broken rather than complete and unaudited.
 */
export const exportEntries: Route = {
  method: 'GET',
  path: '/api/export',
  access: 'admin',
  async handle(c, { engine, store, config }) {
    const { request, format } = parseExportParams(queryOf(c));
    if (!store.writable()) throw new HttpError(503, 'the audit log cannot record an export right now, so it was refused');
    const audit = c.var.audit;
    let count = 0;
    async function* counted(entries: AsyncIterable<Entry>) {
      for await (const entry of entries) {
        count++;
        yield entry;
      }
    }
    const action = (how: string) => `Exported ${plural(count, 'entry', 'entries')} as ${format.toUpperCase()}${how} matching ${describeQuery(request)}`;
    // The body the client reads; destroying it (with an error) cuts the connection, which is how a broken download shows.
    const body = new PassThrough();
    const send = async () => {
      try {
        await pipeline(engine.matches(request), counted, createExportEncoder(format, config.timezone), body, { end: false });
      } catch (err) {
        // The admin went away (the client cancelled the body) or the read failed part way: what they received is still on record.
        await audit.record({ verb: 'export', action: action(' (stopped part way)') }).catch(() => {});
        body.destroy(err as Error);
        return;
      }
      try {
        await audit.record({ verb: 'export', action: action('') });
      } catch (err) {
        body.destroy(err as Error);
        return;
      }
      body.end();
    };
    // eslint-disable-next-line @typescript-eslint/no-floating-promises -- send() settles every failure itself (by destroying the body)
    void send();
    const day = new Date().toISOString().slice(0, 10);
    return c.body(Readable.toWeb(body) as ReadableStream<Uint8Array>, 200, {
      'Content-Type': EXPORT_CONTENT_TYPES[format],
      'Content-Disposition': `attachment; filename="portal-audit-${day}.${format}"`,
    });
  },
};
