import { afterEach, describe, expect, it } from 'vitest';
import { ensureInitialAdminToken } from '../../proxy/admin/initial-token.ts';
import { TokenError } from '../../proxy/admin/tokens.ts';
import type { SharedState } from '../../proxy/store/create-store.ts';

/** One place for sessions and tokens, and a way to open it as a replica (a process) would. */
export interface SharedBacking {
  /** `sessionClock`: what the sessions are timed by. Default `Date.now`. */
  open(sessionClock?: () => number): Promise<SharedState>;
  /** A data folder of this replica's own, for the initial token file. */
  dataDir(): Promise<string>;
  dispose(): Promise<void>;
}

export interface SharedStateDriver {
  backing(): Promise<SharedBacking>;
  /** Whether several replicas may share the backing at once (the JSON driver is one process's). */
  sharedReplicas: boolean;
}

/** Sessions learned from logins and admin tokens, the same whichever driver keeps them. */
export function sharedStateContract(name: string, driver: SharedStateDriver): void {
  describe(`shared state contract: ${name}`, () => {
    const opened: SharedState[] = [];
    const backings: SharedBacking[] = [];
    afterEach(async () => {
      await Promise.all(opened.splice(0).map((s) => s.close()));
      await Promise.all(backings.splice(0).map((b) => b.dispose()));
    });
    async function fresh(): Promise<SharedBacking> {
      const backing = await driver.backing();
      backings.push(backing);
      return backing;
    }
    async function open(backing: SharedBacking, sessionClock?: () => number): Promise<SharedState> {
      const state = await backing.open(sessionClock);
      opened.push(state);
      return state;
    }

    it('a token authenticates its holder until it is revoked; names are unique and checked; the token itself is never listed', async () => {
      const { tokens } = await open(await fresh());
      const secret = await tokens.create('pat.admin', 'admin');
      expect(secret).toMatch(/^pa_[A-Za-z0-9_-]{43}$/);
      expect(await tokens.authenticate(secret)).toEqual({ name: 'pat.admin', role: 'admin' });
      expect(await tokens.authenticate(`${secret}x`)).toBeNull();
      await expect(tokens.create('pat.admin', 'auditor')).rejects.toThrow(TokenError);
      await expect(tokens.create('no spaces', 'auditor')).rejects.toThrow(/Invalid token name "no spaces"/);
      const listed = await tokens.list();
      expect(listed).toEqual([{ name: 'pat.admin', role: 'admin', created: expect.any(String), lastUsed: expect.any(String) }]);
      expect(JSON.stringify(listed)).not.toContain(secret);
      expect(await tokens.revoke('pat.admin')).toBe(true);
      expect(await tokens.revoke('pat.admin')).toBe(false);
      expect(await tokens.authenticate(secret)).toBeNull();
    });

    it('a session a login taught is known until it is forgotten, and follows a renewed credential', async () => {
      const { sessions } = await open(await fresh());
      await sessions.remember(['cookie-a', 'cookie-b'], 'pat.admin', 8);
      expect(await sessions.lookup('cookie-b')).toBe('pat.admin');
      await sessions.follow('cookie-a', ['cookie-c']);
      expect(await sessions.lookup('cookie-c')).toBe('pat.admin');
      await sessions.follow('unknown', ['cookie-d']);
      expect(await sessions.lookup('cookie-d')).toBeNull();
      await sessions.forget(['cookie-a', 'cookie-c']);
      expect(await sessions.lookup('cookie-a')).toBeNull();
      expect(await sessions.lookup('cookie-c')).toBeNull();
      expect(await sessions.lookup('cookie-b')).toBe('pat.admin');
    });

    it("a session lasts its own lifetime when shorter than its hours; a renewal with a lifetime extends it, never past its login's hours", async () => {
      const loginAt = 1_800_000_000_000;
      let now = loginAt;
      const after = (seconds: number) => (now = loginAt + seconds * 1000);
      const { sessions } = await open(await fresh(), () => now);
      await sessions.remember(['own-600'], 'pat.admin', 1, 600);
      await sessions.remember(['own-7200'], 'pat.admin', 1, 7200);
      await sessions.remember(['rolling', 'rotating'], 'bob.builder', 1, 600);
      after(500);
      await sessions.follow('rolling', ['rolling'], 600);
      await sessions.follow('rotating', ['rotated']);
      after(599);
      expect(await sessions.lookup('own-600')).toBe('pat.admin');
      expect(await sessions.lookup('rotated')).toBe('bob.builder');
      after(601);
      expect(await sessions.lookup('own-600')).toBeNull();
      expect(await sessions.lookup('rotated')).toBeNull(); // a renewal without a lifetime ends with what it renewed
      expect(await sessions.lookup('rolling')).toBe('bob.builder');
      after(3300);
      expect(await sessions.lookup('rolling')).toBeNull(); // 500 + 600 passed
      expect(await sessions.lookup('own-7200')).toBe('pat.admin');
      after(3601);
      expect(await sessions.lookup('own-7200')).toBeNull();

      now = loginAt;
      await sessions.remember(['capped'], 'pat.admin', 1, 600);
      for (const second of [500, 1000, 1500, 2000, 2500, 3000, 3500]) {
        after(second);
        await sessions.follow('capped', ['capped'], 600);
      }
      after(3599);
      expect(await sessions.lookup('capped')).toBe('pat.admin');
      after(3601);
      expect(await sessions.lookup('capped')).toBeNull();
    });

    if (driver.sharedReplicas) {
      it('two replicas share sessions and tokens: a login on A identifies on B, a token revoked on A is refused by B at once', async () => {
        const backing = await fresh();
        const [a, b] = [await open(backing), await open(backing)];
        await a.sessions.remember(['cookie-a'], 'bob.builder', 8);
        expect(await b.sessions.lookup('cookie-a')).toBe('bob.builder');
        await b.sessions.forget(['cookie-a']);
        expect(await a.sessions.lookup('cookie-a')).toBeNull();
        const secret = await a.tokens.create('auditor.one', 'auditor');
        // B has just accepted it, so anything it kept from that answer would show below.
        expect(await b.tokens.authenticate(secret)).toEqual({ name: 'auditor.one', role: 'auditor' });
        expect(await a.tokens.revoke('auditor.one')).toBe(true);
        expect(await b.tokens.authenticate(secret)).toBeNull();
      });

      it('replicas starting together on a new backing make one first admin token, and only one of them prints it', async () => {
        const backing = await fresh();
        const replicas = await Promise.all([open(backing), open(backing), open(backing)]);
        const printed = await Promise.all(replicas.map(async (r) => ensureInitialAdminToken(await backing.dataDir(), r.tokens)));
        expect(printed.filter((t) => t !== null)).toHaveLength(1);
        expect((await replicas[0].tokens.list()).map((t) => t.name)).toEqual(['admin']);
      });
    }
  });
}
