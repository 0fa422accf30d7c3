// Child process for the PostgreSQL crash test: notes intents, finishes some, then waits to be killed with SIGKILL.
import { createStore } from '../../proxy/store/create-store.ts';
import { drafts } from './temp-store.ts';

const [url, intended, appended] = process.argv.slice(2).map((a, i) => (i === 0 ? a : Number(a))) as [string, number, number];
const store = createStore({ dataDir: '/nonexistent', store: { driver: 'postgres', url } }, { onNotice: () => undefined });
await store.open();
const all = drafts(intended, { prefix: 'crash' });
await Promise.all(all.map((d) => store.intend(d)));
await Promise.all(all.slice(0, appended).map((d) => store.append({ ...d, status: 200, outcome: 'success' })));
process.stdout.write('ready\n');
setInterval(() => undefined, 1000);
