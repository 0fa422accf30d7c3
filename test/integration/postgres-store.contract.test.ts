import { describe } from 'vitest';
import { createStore } from '../../proxy/store/create-store.ts';
import { followContract } from '../contract/follow-contract.ts';
import { storeContract, type ContractDriver } from '../contract/store-contract.ts';
import { postgresReachable, scratchDatabase } from '../helpers/postgres.ts';

// Without a server outside CI this file says so and skips; in CI an unreachable server fails it.
describe.runIf(await postgresReachable())('postgres', () => {
  const postgres: ContractDriver = {
    sharedWriters: true,
    async backing() {
      const db = await scratchDatabase();
      return {
        create: (options) => createStore({ dataDir: '/nonexistent', store: { driver: 'postgres', url: db.url } }, { ...options, onNotice: () => undefined }),
        dispose: () => db.drop(),
      };
    },
  };
  storeContract('postgres', postgres);
  followContract('postgres', postgres);
});
