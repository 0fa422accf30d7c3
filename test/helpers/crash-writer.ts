// Child process for the crash test: notes intents, finishes some, then waits to be killed with SIGKILL.
import { createJsonStore } from '../../proxy/store/json/json-store.ts';
import { drafts } from './temp-store.ts';

const [dataDir, intended, appended, abandoned] = process.argv.slice(2).map((a, i) => (i === 0 ? a : Number(a))) as [string, number, number, number];
const store = createJsonStore({ dataDir });
await store.open();
const all = drafts(intended, { prefix: 'crash' });
await Promise.all(all.map((d) => store.intend(d)));
await Promise.all(all.slice(0, appended).map((d) => store.append({ ...d, status: 200, outcome: 'success' })));
await Promise.all(all.slice(intended - abandoned).map((d) => store.abandon(d.requestId)));
process.stdout.write('ready\n');
setInterval(() => undefined, 1000);
