import type { Route } from '../route.ts';
import { auditEvents } from './audit-events.ts';
import { checkpoint } from './checkpoint.ts';
import { coverage } from './coverage.ts';
import { entries } from './entries.ts';
import { entry } from './entry.ts';
import { exportEntries } from './export.ts';
import { facets } from './facets.ts';
import { health } from './health.ts';
import { me } from './me.ts';
import { metrics } from './metrics.ts';
import { consistencyProof, inclusionProof } from './proof.ts';
import { ready } from './ready.ts';
import { recordHistory } from './record-history.ts';
import { verify } from './verify.ts';

/** Every endpoint of the admin API; app.ts mounts them with their access checks. */
export const ROUTES: readonly Route[] = [health, me, entries, entry, recordHistory, facets, exportEntries, verify, auditEvents, coverage, metrics, ready, checkpoint, consistencyProof, inclusionProof];
