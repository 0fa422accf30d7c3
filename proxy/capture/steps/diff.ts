import type { FieldChange } from '../../../shared/entry.ts';
import { bodyFields } from '../body-fields.ts';
import { createFieldDiff, type FieldDiff, type FieldDiffOptions } from '../field-diff.ts';
import type { CaptureStep, Flow } from '../flow.ts';

type Fields = Record<string, unknown>;
const isFields = (value: unknown): value is Fields => value !== null && typeof value === 'object' && !Array.isArray(value);
const isRecord = (value: unknown): value is Fields | unknown[] => value !== null && typeof value === 'object';

/**
 * The record as it is after the change: what the portal answered when it returns the record, else the body
 * sent. Of an object only the fields the client sent are its change, the portal's copy of them winning (it may
 * normalise); an array sent is the whole record, so the portal's array wins whole.
 */
function after(flow: Flow): Fields | unknown[] | null {
  const sent = bodyFields(flow.request.body) ?? flow.request.body.value;
  const { response } = flow;
  const returned = response && response.status >= 200 && response.status < 300 ? response.body.value : null;
  if (Array.isArray(sent)) return Array.isArray(returned) ? (returned as unknown[]) : (sent as unknown[]);
  if (!isFields(sent)) return isRecord(returned) ? returned : null;
  // No prototype: a field named __proto__ is a field like any other.
  const fields = Object.create(null) as Fields;
  for (const key of Object.keys(sent)) fields[key] = isFields(returned) && Object.hasOwn(returned, key) ? returned[key] : sent[key];
  return fields;
}

const empty = (like: unknown): Fields | unknown[] => (Array.isArray(like) ? [] : (Object.create(null) as Fields));

function changesFor(op: string, flow: Flow, diff: FieldDiff): FieldChange[] {
  const { method } = flow.request;
  const before = isRecord(flow.before) ? flow.before : null;
  // A delete lists every field (or element) going to null, a create every one coming from null.
  if (op === 'delete' || method === 'DELETE') return before ? diff(before, empty(before)) : [];
  const now = after(flow);
  if (!now) return [];
  // A rule's own verb (deploy, publish) with a snapshot compares against it, whatever the method.
  const isUpdate = op === 'update' || (op !== 'create' && (before !== null || method === 'PUT' || method === 'PATCH'));
  const comparable = before !== null && Array.isArray(before) === Array.isArray(now);
  if (!isUpdate || !comparable) return diff(empty(now), now);
  return diff(before, now, { onlyAfterKeys: true });
}

export type DiffStepOptions = Omit<FieldDiffOptions, 'elementKeys'>;

/**
 * Adds field-level `changes` to the affected record: an update lists the fields whose value differs
 * from the snapshot (arrays of objects element by element, keyed by the rule's `elementKeys`), a delete
 * every field going to null, a create every field coming from null. Bounded: see field-diff.ts.
 */
export function diffStep(options: DiffStepOptions = {}): CaptureStep {
  const diffs = new Map<string, FieldDiff>();
  const diffFor = (elementKeys?: readonly string[]) => {
    const key = JSON.stringify(elementKeys ?? null);
    let diff = diffs.get(key);
    if (!diff) {
      diff = createFieldDiff({ ...options, elementKeys });
      diffs.set(key, diff);
    }
    return diff;
  };
  return {
    name: 'diff',
    response(flow) {
      const record = flow.records[0];
      if (!record || record.op === 'read') return;
      record.changes = changesFor(record.op, flow, diffFor(flow.match?.rule.elementKeys));
    },
  };
}
