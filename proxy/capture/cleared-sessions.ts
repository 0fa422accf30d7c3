import type { IncomingHttpHeaders } from 'node:http';
import { requestSessionCookies, sessionCookiesCleared } from './credentials.ts';
import type { SessionBook } from './flow.ts';

/**
 * An answer that clears a session cookie (Max-Age=0, an Expires passed, emptied) ends the session the request
 * carried in it, as a logout does: whoever replays the cookie afterwards is nobody the log can name. Any answer,
 * recorded or passed through: a portal often clears it on the page a session it ended lands on.
 */
export async function forgetClearedSessions(
  sessions: SessionBook,
  { request, setCookie, isSessionCookie, now }: { request: IncomingHttpHeaders; setCookie: string[] | undefined; isSessionCookie: (name: string) => boolean; now: number },
): Promise<void> {
  const cleared = sessionCookiesCleared(setCookie, isSessionCookie, now);
  const ended = cleared.size > 0 ? requestSessionCookies(request, (name) => cleared.has(name)) : [];
  if (ended.length > 0) await sessions.forget(ended);
}
