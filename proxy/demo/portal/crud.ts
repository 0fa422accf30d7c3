import type { z } from 'zod';
import { HttpError } from '../../http/http-error.ts';
import { idParam, parseBody, redirect, sendJson, type DemoRequest, type Router } from './http.ts';

/** How one table of the gym is exposed: its fields' schema and who may do what with a row. */
export interface Resource<Row extends { id: number }, Shape extends z.ZodRawShape> {
  base: string;
  label: string;
  rows: Map<number, Row>;
  fields: z.ZodObject<Shape>;
  newId(): number;
  /** Builds a new row from validated fields; default: the fields plus the id. */
  build?(fields: z.infer<z.ZodObject<Shape>>, id: number): Row;
  /** Throws 401/403 when the caller may not see the row. */
  canRead(req: DemoRequest, row: Row): void;
  canWrite(req: DemoRequest, row: Row): void;
  canCreate(req: DemoRequest, fields: z.infer<z.ZodObject<Shape>>): void;
  canDelete(req: DemoRequest, row: Row): void;
  /** The rows a caller's list shows (families see only their own). */
  visible(req: DemoRequest, rows: Row[]): Row[];
  /** What the API returns for a row (hides secrets). */
  show(row: Row): unknown;
  /** The HTML page an edit form returns to, when the resource has one. */
  page?: (row: Row) => string;
}

/**
 * The usual REST surface: list, create, read, replace (PUT), patch (PATCH), delete. An HTML form can
 * only POST, so a form-encoded POST to /:id is a patch answered with a redirect to the record's page.
 */
export function crudRoutes<Row extends { id: number }, Shape extends z.ZodRawShape>(router: Router, r: Resource<Row, Shape>): void {
  const find = (req: DemoRequest): Row => {
    const row = r.rows.get(idParam(req));
    if (!row) throw new HttpError(404, `no ${r.label} ${req.params.id}`);
    r.canRead(req, row);
    return row;
  };
  const update = (req: DemoRequest, partial: boolean): Row => {
    const row = find(req);
    r.canWrite(req, row);
    const fields = parseBody(partial ? r.fields.partial() : r.fields, req.body);
    Object.assign(row, fields);
    return row;
  };

  router.on('GET', r.base, (req, res) => {
    if (!req.user) throw new HttpError(401, 'sign in first');
    const q = req.query.get('q')?.toLowerCase();
    const rows = r.visible(req, [...r.rows.values()]).filter((row) => !q || JSON.stringify(row).toLowerCase().includes(q));
    sendJson(
      res,
      200,
      rows.map((row) => r.show(row)),
    );
  });

  router.on('POST', r.base, (req, res) => {
    if (!req.user) throw new HttpError(401, 'sign in first');
    const fields = parseBody(r.fields, req.body);
    r.canCreate(req, fields);
    const id = r.newId();
    const row = r.build ? r.build(fields, id) : ({ ...fields, id } as unknown as Row);
    r.rows.set(row.id, row);
    if (req.fromForm && r.page) return redirect(res, r.page(row));
    sendJson(res, 201, r.show(row), { location: `${r.base}/${row.id}` });
  });

  router.on('GET', `${r.base}/:id`, (req, res) => sendJson(res, 200, r.show(find(req))));
  router.on('PUT', `${r.base}/:id`, (req, res) => sendJson(res, 200, r.show(update(req, false))));
  router.on('PATCH', `${r.base}/:id`, (req, res) => sendJson(res, 200, r.show(update(req, true))));
  router.on('POST', `${r.base}/:id`, (req, res) => {
    const row = update(req, true);
    if (req.fromForm && r.page) return redirect(res, r.page(row));
    sendJson(res, 200, r.show(row));
  });

  router.on('DELETE', `${r.base}/:id`, (req, res) => {
    const row = find(req);
    r.canDelete(req, row);
    r.rows.delete(row.id);
    sendJson(res, 200, { deleted: true, id: row.id });
  });
}
