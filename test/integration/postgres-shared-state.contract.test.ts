import { rm } from 'node:fs/promises';
import { describe } from 'vitest';
import { openSharedState } from '../../proxy/store/create-store.ts';
import { sharedStateContract } from '../contract/shared-state-contract.ts';
import { postgresReachable, scratchDatabase } from '../helpers/postgres.ts';
import { tempDataDir } from '../helpers/temp-store.ts';

// Without a server outside CI this file says so and skips; in CI an unreachable server fails it.
describe.runIf(await postgresReachable())('postgres', () => {
  sharedStateContract('postgres', {
    sharedReplicas: true,
    async backing() {
      const db = await scratchDatabase();
      const dirs: string[] = [];
      return {
        open: (sessionClock) => openSharedState({ dataDir: '/nonexistent', store: { driver: 'postgres', url: db.url } }, { sessionClock }),
        async dataDir() {
          dirs.push(await tempDataDir());
          return dirs.at(-1)!;
        },
        async dispose() {
          await db.drop();
          await Promise.all(dirs.map((d) => rm(d, { recursive: true, force: true })));
        },
      };
    },
  });
});
