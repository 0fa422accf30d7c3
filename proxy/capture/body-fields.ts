import type { CapturedBody } from './flow.ts';

/** The field a JSON body that is not an object (a bare string, number or array) is logged under. */
export const BODY_FIELD = '(body)';

/**
 * The fields a request body sends: its own object's fields, or for a bare JSON value such as `"1.0.0"`
 * that value as the one field BODY_FIELD, so it is kept as sent. Null when the body has no fields.
 */
export function bodyFields(body: CapturedBody): Record<string, unknown> | null {
  const { value } = body;
  if (value && typeof value === 'object' && !Array.isArray(value)) return value as Record<string, unknown>;
  if (body.kind === 'json' && value !== null && value !== undefined) return Object.defineProperty({}, BODY_FIELD, { value, enumerable: true });
  return null;
}
