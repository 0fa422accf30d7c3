import type { CapturedBody } from './flow.ts';

/** The field a JSON body that is a bare scalar (a string, number or boolean) is logged under; such a body has no other. */
export const BODY_FIELD = 'body';

/**
 * The fields a request body sends: its own object's fields, or for a bare JSON scalar such as `"1.0.0"`
 * that value as the one field BODY_FIELD, so it is kept as sent. Null for anything else (an array is a
 * record of its own, see the diff step).
 */
export function bodyFields(body: CapturedBody): Record<string, unknown> | null {
  const { value } = body;
  if (value && typeof value === 'object' && !Array.isArray(value)) return value as Record<string, unknown>;
  if (body.kind === 'json' && (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean')) return Object.defineProperty({}, BODY_FIELD, { value, enumerable: true });
  return null;
}
