import { REDACTED } from '../../../shared/entry.ts';
import type { CaptureStep, Flow } from '../flow.ts';
import { createSecretMatcher, maskCardNumbers } from '../secrets.ts';

export interface RedactStepOptions {
  /** Extra field names to mask on top of the built-in ones (config `redact`). Default: none. */
  redact?: string[];
}

/**
 * Masks secrets in everything headed for the store: values of secret-named fields (at any depth) and
 * any Luhn-valid card number, wherever it appears. A change keeps its field name, so the log still says
 * that the password changed. Runs last in each phase, so the intent is as clean as the entry.
 */
export function redactStep({ redact = [] }: RedactStepOptions = {}): CaptureStep {
  const isSecretField = createSecretMatcher({ extra: redact });

  function scrub(value: unknown, secret: boolean): unknown {
    if (value === null || value === undefined) return value;
    if (secret) return REDACTED;
    if (typeof value === 'string') return maskCardNumbers(value);
    if (typeof value === 'number') return maskCardNumbers(String(value)) === REDACTED ? REDACTED : value;
    if (Array.isArray(value)) return value.map((item) => scrub(item, false));
    if (typeof value === 'object') {
      return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, scrub(item, isSecretField(key))]));
    }
    return value;
  }

  const text = <T extends string | null | undefined>(value: T): T => (typeof value === 'string' ? (maskCardNumbers(value) as T) : value);

  function run(flow: Flow): void {
    const { draft } = flow;
    for (const key of ['action', 'path', 'userAgent'] as const) {
      if (typeof draft[key] === 'string') (draft as Record<string, unknown>)[key] = text(draft[key]);
    }
    if (flow.actor) flow.actor = { ...flow.actor, member: text(flow.actor.member), username: text(flow.actor.username) };
    flow.records = flow.records.map((record) => ({
      ...record,
      id: text(record.id),
      name: text(record.name),
      link: text(record.link),
      changes: record.changes.map((change) => {
        const secret = change.field.split('.').some(isSecretField);
        return { field: change.field, before: scrub(change.before, secret), after: scrub(change.after, secret) };
      }),
    }));
  }

  return { name: 'redact', request: run, response: run };
}
