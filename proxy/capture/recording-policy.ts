import type { Config } from '../config/schema.ts';
import { isMutating } from '../config/schema.ts';
import { createLoginPaths } from './login-paths.ts';
import { candidateMethods, type RequestMethod } from './method-override.ts';
import type { RequestTarget } from './path-normalise.ts';
import { createRuleMatcher, isReadRuleMethod } from './route-match.ts';

/**
 * Decides whether a request becomes an entry: every change, by its wire method or any method an override
 * asks the portal to take it as (a GET the portal deletes by), a logout (often a plain link), and the reads `recordReads` names. The login paths and the read
 * matcher it compiles are the ones the actor and route steps use, so the two never disagree.
 */
export function createRecordingPolicy(config: Pick<Config, 'recordReads' | 'actors' | 'pathCase'>) {
  const matchRead = createRuleMatcher({ rules: config.recordReads, defaultMethods: isReadRuleMethod, pathCase: config.pathCase });
  const loginPaths = createLoginPaths(config.actors.login, { pathCase: config.pathCase });
  return {
    matchRead,
    loginPaths,
    isRecorded(method: RequestMethod, target: RequestTarget): boolean {
      return candidateMethods(method).some((m) => isMutating(m) || !!loginPaths.logout(m, target.path) || matchRead(m, target.path) !== null || matchRead(m, target.altPath) !== null);
    },
  };
}
export type RecordingPolicy = ReturnType<typeof createRecordingPolicy>;
