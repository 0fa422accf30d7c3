import { isDeepStrictEqual } from 'node:util';
import type { FieldChange } from '../../../shared/entry.ts';
import type { CaptureStep, Flow } from '../flow.ts';

type Fields = Record<string, unknown>;

function asFields(value: unknown): Fields | null {
  return value && typeof value === 'object' && !Array.isArray(value) ? (value as Fields) : null;
}

/** The record as it is after the change: what the portal answered when it returns the record, else the body sent. */
function after(flow: Flow): Fields | null {
  const sent = asFields(flow.request.body.value);
  const ok = flow.response && flow.response.status >= 200 && flow.response.status < 300;
  const returned = ok ? asFields(flow.response!.body.value) : null;
  if (!sent) return returned;
  // Only the fields the client sent are its change; the portal's copy of them wins (it may normalise).
  const fields: Fields = {};
  for (const key of Object.keys(sent)) fields[key] = returned && key in returned ? returned[key] : sent[key];
  return fields;
}

function changesFor(op: string, flow: Flow): FieldChange[] {
  const { method } = flow.request;
  const before = asFields(flow.before);
  if (op === 'delete' || method === 'DELETE') {
    return before ? Object.entries(before).map(([field, value]) => ({ field, before: value, after: null })) : [];
  }
  const fields = after(flow);
  if (!fields) return [];
  // A rule's own verb (deploy, publish) with a snapshot compares against it, whatever the method.
  const isUpdate = op === 'update' || (op !== 'create' && (before !== null || method === 'PUT' || method === 'PATCH'));
  if (!isUpdate) return Object.entries(fields).map(([field, value]) => ({ field, before: null, after: value }));
  return Object.entries(fields)
    .filter(([field, value]) => !before || !isDeepStrictEqual(before[field], value))
    .map(([field, value]) => ({ field, before: before ? (before[field] ?? null) : null, after: value }));
}

/**
 * Adds field-level `changes` to the affected record: an update lists the fields whose value differs
 * from the snapshot, a delete every field going to null, a create every field coming from null.
 */
export function diffStep(): CaptureStep {
  return {
    name: 'diff',
    response(flow) {
      const record = flow.records[0];
      if (!record || record.op === 'read') return;
      record.changes = changesFor(record.op, flow);
    },
  };
}
