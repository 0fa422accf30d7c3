import { EntryDraft } from '../../shared/entry.ts';
import type { Config } from '../config/schema.ts';
import { UNKNOWN_ACTOR } from './actor-identify.ts';
import type { CaptureStep, Flow } from './flow.ts';
import { createRecordingPolicy, type RecordingPolicy } from './recording-policy.ts';
import { actorStep } from './steps/actor.ts';
import { describeStep } from './steps/describe.ts';
import { diffStep } from './steps/diff.ts';
import { ipStep } from './steps/ip.ts';
import { nameFromStep } from './steps/name-from.ts';
import { recordsStep } from './steps/records.ts';
import { redactStep } from './steps/redact.ts';
import { routeStep } from './steps/route.ts';
import { snapshotStep } from './steps/snapshot.ts';
import { sourceStep } from './steps/source.ts';

export interface PipelineOptions {
  config: Config;
  /** The listener's own source, e.g. "Office Portal". Required. */
  defaultSource: string;
  /** The listener's recording policy, whose login paths and read matcher the steps share. Default: compiled from `config`. */
  policy?: RecordingPolicy;
  /** The clock that times sessions learned from logins (ms since the epoch). Default `Date.now`. */
  sessionClock?: () => number;
}

/**
 * The capture steps in the order they run, request hooks then response hooks. Order matters: the actor
 * marks logins before route skips them, the snapshot needs the matched rule and records the snapshot,
 * describe needs the changes, and redact runs last so nothing it would mask is added after it.
 */
export function captureSteps({ config, defaultSource, policy = createRecordingPolicy(config), sessionClock }: PipelineOptions): CaptureStep[] {
  return [
    ipStep(),
    sourceStep({ defaultSource, rules: config.sources, pathCase: config.pathCase }),
    actorStep({ actors: config.actors, pathCase: config.pathCase, redact: config.redact, loginPaths: policy.loginPaths, now: sessionClock }),
    routeStep({ records: config.records, recordReads: config.recordReads, pathCase: config.pathCase, matchRead: policy.matchRead }),
    snapshotStep(),
    recordsStep(),
    nameFromStep({ records: config.records }),
    diffStep(),
    describeStep(),
    redactStep({ redact: config.redact }),
  ];
}

/** What parsing the bodies and the steps had to leave out, as the entry's notes; none: no `notes` key. */
function notesOf(flow: Flow): { notes?: string[] } {
  const notes = [...(flow.request.body.notes ?? []), ...(flow.response?.body.notes ?? []).map((note) => `response ${note}`), ...(flow.draft.notes ?? [])];
  return notes.length > 0 ? { notes } : {};
}

/** The entry as it stands: before forwarding it is the intent, after the response the final entry. */
export function finishDraft(flow: Flow): EntryDraft {
  const actor = flow.actor ?? UNKNOWN_ACTOR;
  return EntryDraft.parse({
    at: flow.startedAt.toISOString(),
    member: actor.member,
    memberKind: actor.memberKind,
    username: actor.username,
    source: flow.ctx.portal.source,
    ip: flow.request.remoteAddress,
    verb: 'unknown',
    action: `${flow.request.method} ${flow.request.path}`,
    method: flow.request.method,
    path: flow.request.path,
    userAgent: flow.request.headers['user-agent'] ?? null,
    ...flow.draft,
    status: flow.response?.status ?? null,
    outcome: flow.draft.outcome ?? 'unknown',
    records: flow.records,
    requestId: flow.requestId,
    truncated: flow.request.body.truncated || !!flow.response?.body.truncated,
    ...notesOf(flow),
  });
}

export interface CreatePipelineOptions {
  /** Steps in run order, usually `captureSteps(...)`. Required. */
  steps: CaptureStep[];
  /** Where a failing step is reported. Default: console.error. */
  onStepError?: (step: string, err: unknown) => void;
}

/**
 * Runs each step's hook of one phase, in list order. A failing step is reported and skipped: the
 * entry is written with what the other steps found, since an entry without a name beats no entry.
 */
export function createPipeline({ steps, onStepError = (step, err) => console.error(`capture step ${step} failed: ${(err as Error)?.message ?? err}`) }: CreatePipelineOptions) {
  async function run(flow: Flow, phase: 'request' | 'response'): Promise<EntryDraft> {
    for (const step of steps) {
      try {
        await step[phase]?.(flow);
      } catch (err) {
        onStepError(step.name, err);
      }
    }
    return finishDraft(flow);
  }
  return {
    request(flow: Flow): Promise<EntryDraft> {
      flow.draft.path = flow.request.path;
      flow.draft.userAgent = flow.request.headers['user-agent'] ?? null;
      return run(flow, 'request');
    },
    response: (flow: Flow): Promise<EntryDraft> => run(flow, 'response'),
  };
}
export type Pipeline = ReturnType<typeof createPipeline>;
