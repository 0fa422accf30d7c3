import { rm } from 'node:fs/promises';
import { openSharedState } from '../../../proxy/store/create-store.ts';
import { sharedStateContract } from '../../contract/shared-state-contract.ts';
import { tempDataDir } from '../../helpers/temp-store.ts';

sharedStateContract('json', {
  sharedReplicas: false,
  async backing() {
    const dataDir = await tempDataDir();
    return { open: (sessionClock) => openSharedState({ dataDir }, { sessionClock }), dataDir: async () => dataDir, dispose: () => rm(dataDir, { recursive: true, force: true }) };
  },
});
