import { MUTATING_METHODS, type Login, type RecordRule } from '../config/schema.ts';
import { createRuleMatcher } from './route-match.ts';

const EVERY_METHOD = ['GET', 'HEAD', 'OPTIONS', ...MUTATING_METHODS] as const;

export interface LoginMatch {
  login: Login;
  params: Record<string, string>;
}

/**
 * Recognises the requests of the configured login styles by method and path, with :params, through
 * the same matcher as record rules. A login is only a mutating request (opening the login page is
 * none), a logout any method (it is often a plain link), a revoke a mutating request.
 */
export function createLoginPaths(logins: readonly Login[]) {
  function matcher(paths: Array<{ login: Login; path: string | undefined; method?: Login['method'] }>, defaultMethods: readonly string[]) {
    const owners = new Map<RecordRule, Login>();
    for (const { login, path, method } of paths) if (path) owners.set({ path, method, type: 'login' }, login);
    const match = createRuleMatcher({ rules: [...owners.keys()], defaultMethods });
    return (method: string, path: string): LoginMatch | null => {
      const found = match(method, path);
      return found ? { login: owners.get(found.rule)!, params: found.params } : null;
    };
  }
  return {
    login: matcher(logins.map((login) => ({ login, path: login.path, method: login.method })), MUTATING_METHODS),
    logout: matcher(logins.map((login) => ({ login, path: login.logoutPath })), EVERY_METHOD),
    revoke: matcher(logins.map((login) => ({ login, path: login.revoke?.path })), MUTATING_METHODS),
  };
}
export type LoginPaths = ReturnType<typeof createLoginPaths>;
