import { rm } from 'node:fs/promises';
import { createStore } from '../../../proxy/store/create-store.ts';
import { followContract } from '../../contract/follow-contract.ts';
import { storeContract } from '../../contract/store-contract.ts';
import { tempDataDir } from '../../helpers/temp-store.ts';

storeContract('json', {
  sharedWriters: false,
  async backing() {
    const dataDir = await tempDataDir();
    return {
      create: ({ retentionDays, ...options } = {}) => createStore({ dataDir, retentionDays }, { ...options, onNotice: () => undefined }),
      dispose: () => rm(dataDir, { recursive: true, force: true }),
    };
  },
});

followContract('json', {
  sharedWriters: false,
  async backing() {
    const dataDir = await tempDataDir();
    return {
      create: (options) => createStore({ dataDir }, { ...options, onNotice: () => undefined }),
      dispose: () => rm(dataDir, { recursive: true, force: true }),
    };
  },
});
