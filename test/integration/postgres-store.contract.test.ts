import { rm } from 'node:fs/promises';
import pg from 'pg';
import { describe } from 'vitest';
import { createStore } from '../../proxy/store/create-store.ts';
import { followContract } from '../contract/follow-contract.ts';
import { storeContract, type ContractDriver } from '../contract/store-contract.ts';
import { postgresReachable, scratchDatabase } from '../helpers/postgres.ts';
import { tempDataDir } from '../helpers/temp-store.ts';

// Without a server outside CI this file says so and skips; in CI an unreachable server fails it.
describe.runIf(await postgresReachable())('postgres', () => {
  const postgres: ContractDriver = {
    sharedWriters: true,
    async backing() {
      const db = await scratchDatabase();
      // The folder holds the signing key every store over this database shares.
      const dataDir = await tempDataDir();
      return {
        create: ({ retentionDays, ...options } = {}) => createStore({ dataDir, retentionDays, store: { driver: 'postgres', url: db.url } }, { ...options, onNotice: () => undefined }),
        async alterStored(seq, edit) {
          const client = new pg.Client({ connectionString: db.url });
          await client.connect();
          try {
            const { rows } = await client.query<{ line: string }>('SELECT line FROM entries WHERE seq = $1', [seq]);
            await client.query('UPDATE entries SET line = $2 WHERE seq = $1', [seq, edit(rows[0]?.line ?? '')]);
          } finally {
            await client.end();
          }
        },
        dispose: async () => {
          await db.drop();
          await rm(dataDir, { recursive: true, force: true });
        },
      };
    },
  };
  storeContract('postgres', postgres);
  followContract('postgres', postgres);
});
