import { rm } from 'node:fs/promises';
import { createStore } from '../../../proxy/store/create-store.ts';
import { followContract } from '../../contract/follow-contract.ts';
import { storeContract, type ContractDriver } from '../../contract/store-contract.ts';
import { rewriteLog } from '../../helpers/rewrite-log.ts';
import { tempDataDir } from '../../helpers/temp-store.ts';

const json: ContractDriver = {
  sharedWriters: false,
  async backing() {
    const dataDir = await tempDataDir();
    return {
      create: ({ retentionDays, ...options } = {}) => createStore({ dataDir, retentionDays }, { ...options, onNotice: () => undefined }),
      alterStored: (seq, edit) => rewriteLog(dataDir, (lines) => (lines[seq - 1] = edit(lines[seq - 1] ?? ''))),
      dispose: () => rm(dataDir, { recursive: true, force: true }),
    };
  },
};
storeContract('json', json);
followContract('json', json);
