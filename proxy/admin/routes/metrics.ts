import { HttpError } from '../../http/http-error.ts';
import type { Route } from '../route.ts';

/**
 * Prometheus text exposition of this instance's metrics. Any valid token may scrape (auditor is the
 * least role: the figures count requests and entries, they show no entry), e.g. a token made with
 * `portal-audit token create --name prometheus --role auditor`.
 */
export const metrics: Route = {
  method: 'GET',
  path: '/metrics',
  access: 'auditor',
  async handle(c, deps) {
    if (!deps.metrics) throw new HttpError(404, 'no metrics on this server');
    const { contentType, text } = await deps.metrics.render();
    return c.body(text, 200, { 'Content-Type': contentType });
  },
};
