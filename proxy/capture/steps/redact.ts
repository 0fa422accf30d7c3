import { REDACTED, type AffectedRecord } from '../../../shared/entry.ts';
import { TOO_DEEP, TOO_LARGE } from '../../store/sanitize.ts';
import { MAX_BODY_DEPTH, MAX_BODY_FIELDS } from '../body-limits.ts';
import type { CaptureStep, Flow } from '../flow.ts';
import { summariseLarge } from '../large-value.ts';
import { createSecretMatcher, maskCardNumbers } from '../secrets.ts';

export interface RedactStepOptions {
  /** Extra field names to mask on top of the built-in ones (config `redact`). Default: none. */
  redact?: string[];
}

/** In place of every value of an entry whose redaction failed: nothing unredacted is ever written. */
export const WITHHELD = '[withheld]';

/** Keys that name the value beside them in a name/value pair: `{ "name": "password", "value": … }`. */
const PAIR_NAMES = ['name', 'key', 'field'];

const define = (target: object, key: string, value: unknown) => Object.defineProperty(target, key, { value, enumerable: true, writable: true, configurable: true });

/**
 * Masks secrets in everything headed for the store: values of secret-named fields (at any depth, and
 * in name/value pairs), any Luhn-valid card number wherever it appears, the path params a rule marks
 * with `redactPath`, and large strings (summarised as size and sha256). A change keeps its field name,
 * so the log still says that the password changed. Runs last in each phase, so the intent is as clean
 * as the entry. Its walk is iterative and bounded (MAX_BODY_DEPTH levels, MAX_BODY_FIELDS values per
 * value); if anything goes wrong it fails closed: every value of the entry is withheld.
 */
export function redactStep({ redact = [] }: RedactStepOptions = {}): CaptureStep {
  const isSecretField = createSecretMatcher({ extra: redact });

  function isSecretPair(value: object): boolean {
    if (!Object.hasOwn(value, 'value')) return false;
    return PAIR_NAMES.some((key) => {
      const name = Object.hasOwn(value, key) ? (value as Record<string, unknown>)[key] : undefined;
      return typeof name === 'string' && isSecretField(name);
    });
  }

  function run(flow: Flow): void {
    // Path params a rule marks as secret (a reset token in /reset/:token) and the secrets steps found, raw and percent-encoded.
    const values = [...(flow.match?.rule.redactPath ?? []).map((name) => flow.match?.params[name]), ...(flow.secrets ?? [])];
    const marked = values.flatMap((value) => (value ? [...new Set([value, encodeURIComponent(value)])] : []));
    const cut = { deep: false, large: false };

    const text = (value: string): string => {
      let out = maskCardNumbers(summariseLarge(value));
      for (const secret of marked) out = out.split(secret).join(REDACTED);
      return out;
    };
    const maybe = <T extends string | null | undefined>(value: T): T => (typeof value === 'string' ? (text(value) as T) : value);

    function scrub(root: unknown, rootSecret: boolean): unknown {
      let result: unknown;
      let count = 0;
      const stack: Array<{ value: unknown; secret: boolean; depth: number; put: (v: unknown) => void }> = [{ value: root, secret: rootSecret, depth: 0, put: (v) => (result = v) }];
      for (let item = stack.pop(); item; item = stack.pop()) {
        const { value, secret, depth, put } = item;
        if (value === null || value === undefined) put(value);
        else if (secret) put(REDACTED);
        else if (++count > MAX_BODY_FIELDS) {
          cut.large = true;
          put(TOO_LARGE);
        } else if (typeof value === 'string') put(text(value));
        else if (typeof value === 'number') put(text(String(value)) === String(value) ? value : REDACTED);
        else if (typeof value !== 'object') put(value);
        else if (depth >= MAX_BODY_DEPTH) {
          cut.deep = true;
          put(TOO_DEEP);
        } else if (Array.isArray(value)) {
          const copy: unknown[] = new Array(value.length).fill(null);
          put(copy);
          for (let i = value.length - 1; i >= 0; i--) stack.push({ value: value[i], secret: false, depth: depth + 1, put: (v) => (copy[i] = v) });
        } else {
          const copy = {};
          put(copy);
          const pair = isSecretPair(value);
          // Pushed last first, so the copy gets its keys in the original order.
          for (const key of Object.keys(value).reverse()) {
            const child = (value as Record<string, unknown>)[key];
            stack.push({ value: child, secret: isSecretField(key) || (pair && key === 'value'), depth: depth + 1, put: (v) => define(copy, maskCardNumbers(key), v) });
          }
        }
      }
      return result;
    }

    const { draft } = flow;
    for (const key of ['action', 'path', 'userAgent'] as const) {
      if (typeof draft[key] === 'string') (draft as Record<string, unknown>)[key] = text(draft[key]);
    }
    if (flow.actor) flow.actor = { ...flow.actor, member: text(flow.actor.member), username: maybe(flow.actor.username) };
    flow.records = flow.records.map((record) => ({
      ...record,
      id: maybe(record.id),
      name: maybe(record.name),
      link: maybe(record.link),
      changes: record.changes.map((change) => {
        const secret = change.field.split('.').some(isSecretField);
        return { field: text(change.field), before: scrub(change.before, secret), after: scrub(change.after, secret) };
      }),
    }));
    const notes = [];
    if (cut.deep) notes.push(`changes: values nested deeper than ${MAX_BODY_DEPTH} levels replaced with ${TOO_DEEP}`);
    if (cut.large) notes.push(`changes: values beyond the first ${MAX_BODY_FIELDS} replaced with ${TOO_LARGE}`);
    if (notes.length > 0) draft.notes = [...(draft.notes ?? []), ...notes];
  }

  /** Fail closed: keep what the log needs to say that something happened, withhold every value. */
  function withhold(flow: Flow, err: unknown): void {
    const path = flow.match?.rule.path ?? WITHHELD;
    flow.draft.path = path;
    flow.draft.action = `${flow.request.method} ${path}`;
    flow.draft.userAgent = null;
    flow.records = flow.records.map((record): AffectedRecord => ({
      type: record.type,
      op: record.op,
      id: null,
      name: null,
      link: null,
      changes: record.changes.map(() => ({ field: WITHHELD, before: WITHHELD, after: WITHHELD })),
    }));
    flow.draft.notes = [...(flow.draft.notes ?? []), `redaction failed (${(err as Error)?.name ?? 'error'}); every value withheld`];
  }

  function guarded(flow: Flow): void {
    try {
      run(flow);
    } catch (err) {
      withhold(flow, err);
    }
  }

  return { name: 'redact', request: guarded, response: guarded };
}
