// A capturing proxy process for the SIGKILL matrix: the store and one portal listener, as `portal-audit start`
// runs them, without the admin API and search. It loads its modules first and says "loaded", then opens the
// store only when told "go" on stdin, so the next round's process can load while this round's is under load.
import { once } from 'node:events';
import { createInterface } from 'node:readline';
import { parseConfig } from '../../proxy/config/load.ts';
import { startPortalListener } from '../../proxy/server/portal-listener.ts';
import { createJsonStore } from '../../proxy/store/json/json-store.ts';
import { createSessionBook } from '../../proxy/store/json/session-book.ts';

const config = parseConfig(JSON.parse(process.argv[2]!));
process.stdout.write('loaded\n');
await once(createInterface({ input: process.stdin }), 'line');
const store = createJsonStore({ dataDir: config.dataDir });
await store.open();
const listener = await startPortalListener({ config, portal: config.portals[0]!, store, sessions: createSessionBook({ dataDir: config.dataDir }) });
process.stdout.write(`listening ${listener.url}\n`);
