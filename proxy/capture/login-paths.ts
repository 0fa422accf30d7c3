import { isMutating, type Login, type RecordRule } from '../config/schema.ts';
import type { PathCase } from './path-normalise.ts';
import { createRuleMatcher } from './route-match.ts';

const everyMethod = () => true;

export interface LoginMatch {
  login: Login;
  params: Record<string, string>;
}

/**
 * Recognises the requests of the configured login styles by method and path, with :params, through
 * the same matcher as record rules. A login is only a mutating request (opening the login page is
 * none), a logout any method (it is often a plain link), a revoke a mutating request.
 */
export function createLoginPaths(logins: readonly Login[], { pathCase }: { pathCase?: PathCase } = {}) {
  function matcher(paths: Array<{ login: Login; path: string | undefined; method?: Login['method'] }>, defaultMethods: (method: string) => boolean) {
    const rules = paths.flatMap(({ login, path, method }): Array<RecordRule & { login: Login }> => (path ? [{ path, method, type: 'login', login }] : []));
    const match = createRuleMatcher({ rules, defaultMethods, pathCase });
    return (method: string, path: string | null): LoginMatch | null => {
      const found = match(method, path);
      return found ? { login: found.rule.login, params: found.params } : null;
    };
  }
  return {
    login: matcher(
      logins.map((login) => ({ login, path: login.path, method: login.method })),
      isMutating,
    ),
    logout: matcher(
      logins.map((login) => ({ login, path: login.logoutPath })),
      everyMethod,
    ),
    revoke: matcher(
      logins.map((login) => ({ login, path: login.revoke?.path })),
      isMutating,
    ),
  };
}
export type LoginPaths = ReturnType<typeof createLoginPaths>;
