import { z } from 'zod';
import type { Outcome } from '../../../shared/entry.ts';
import type { CaptureStep, Flow } from '../flow.ts';
import { flowVerb } from '../scope.ts';

const PAST: Record<string, [done: string, todo: string]> = {
  create: ['Created', 'create'],
  update: ['Updated', 'update'],
  delete: ['Deleted', 'delete'],
  read: ['Viewed', 'view'],
};

// Coercing anything would turn a blank form field, null or true into "$0.00" or "$1.00": only numbers and numeric text count.
const Amount = z.looseObject({ amount: z.union([z.number(), z.string().trim().min(1).pipe(z.coerce.number())]) }).catch({ amount: Number.NaN });

/** Errors that mean the request never reached the portal, so nothing changed there. */
const NOT_REACHED = new Set([
  'ECONNREFUSED',
  'ENOTFOUND',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'EAI_AGAIN',
  // An HTTPS portal whose certificate failed verification: the handshake ended before any request byte was sent.
  'UNABLE_TO_VERIFY_LEAF_SIGNATURE',
  'UNABLE_TO_GET_ISSUER_CERT',
  'UNABLE_TO_GET_ISSUER_CERT_LOCALLY',
  'SELF_SIGNED_CERT_IN_CHAIN',
  'DEPTH_ZERO_SELF_SIGNED_CERT',
  'CERT_HAS_EXPIRED',
  'CERT_NOT_YET_VALID',
  'CERT_UNTRUSTED',
  'CERT_REVOKED',
  'ERR_TLS_CERT_ALTNAME_INVALID',
]);

function outcomeOf(flow: Flow): Outcome {
  if (!flow.response) return NOT_REACHED.has(flow.error?.code ?? '') ? 'failure' : 'unknown';
  return flow.response.status < 400 ? 'success' : 'failure';
}

function money(flow: Flow): string | null {
  const { amount } = Amount.parse(flow.request.body.value ?? {});
  return Number.isFinite(amount) ? amount.toLocaleString('en-US', { style: 'currency', currency: 'USD' }) : null;
}

/** Fields named in a sentence; the rest are counted, so a body of 10,000 fields gives a readable line. */
const MAX_NAMED_FIELDS = 10;
/** Field names in a sentence are cut to this many characters. */
const MAX_FIELD_NAME = 60;

function fieldList(fields: string[]): string {
  const named = fields.slice(0, MAX_NAMED_FIELDS).map((f) => (f.length > MAX_FIELD_NAME ? `${f.slice(0, MAX_FIELD_NAME)}…` : f));
  const more = fields.length - named.length;
  return `${named.join(', ')}${more > 0 ? ` and ${more} more` : ''}`;
}

/** The sentence an admin reads in the log, e.g. "Updated student Jane Smith: level, status". */
function sentence(flow: Flow, verb: string, outcome: Outcome): string {
  const who = flow.actor?.username ?? null;
  if (verb === 'login') {
    if (outcome === 'success') return 'Logged in';
    // Unknown: the portal's answer neither proved nor refused the login (see login-success.ts).
    if (outcome === 'unknown') return who ? `Tried to log in as ${who}` : 'Tried to log in';
    return who ? `Failed login as ${who}` : 'Failed login';
  }
  if (verb === 'logout') return 'Logged out';
  const record = flow.records[0];
  if (!record) return `${outcome === 'failure' ? 'Failed ' : ''}${flow.request.method} ${flow.request.path}`;
  const label = record.name ?? (record.id ? `#${record.id}` : '');
  const past = PAST[verb];
  if (past) {
    const fields = verb === 'update' && record.changes.length > 0 ? `: ${fieldList(record.changes.map((c) => c.field))}` : '';
    const what = `${record.type}${label ? ` ${label}` : ''}${fields}`;
    if (outcome === 'success') return `${past[0]} ${what}`;
    return `${outcome === 'failure' ? 'Failed to' : 'Tried to'} ${past[1]} ${what}`;
  }
  // A rule's own verb (payment, charge, check-in): "Recorded payment of $120.00 for Mary Smith".
  const amount = money(flow);
  const what = `${verb}${amount ? ` of ${amount}` : ''}${label ? ` for ${label}` : ''}`;
  if (outcome === 'success') return `Recorded ${what}`;
  return `${outcome === 'failure' ? 'Failed to record' : 'Tried to record'} ${what}`;
}

/**
 * Adds `verb`, `outcome` and the `action` sentence. The verb comes from an earlier step (login,
 * logout), the matched rule, or the method; the outcome from the status (no answer: unknown).
 */
export function describeStep(): CaptureStep {
  // The verb this step chose before forwarding is chosen again once the answer is in (201 makes a create);
  // a verb an earlier step set (login, logout) is kept.
  const chosen = new WeakMap<Flow, string>();
  function run(flow: Flow): void {
    const earlier = flow.draft.verb !== undefined && flow.draft.verb !== chosen.get(flow) ? flow.draft.verb : undefined;
    const verb = earlier ?? flowVerb(flow);
    const outcome = flow.draft.outcome ?? outcomeOf(flow);
    if (earlier === undefined) chosen.set(flow, verb);
    flow.draft.verb = verb;
    flow.draft.action = sentence(flow, verb, outcome);
    if (flow.response || flow.error) flow.draft.outcome = outcome;
  }
  return { name: 'describe', request: run, response: run };
}
