/**
 * One replica of `npm run bench:postgres`'s durable-ingest run: a PostgreSQL store appending as
 * capture does (a durable intent, then the entry) from `concurrency` clients for `seconds`. Prints
 * the number of entries it appended and the seconds it took, as JSON. Arguments: url seconds concurrency prefix.
 */
import { createPostgresStore } from '../../proxy/store/postgres/postgres-store.ts';
import { createEntryGenerator } from '../../proxy/dev/generate-entries.ts';

const [url, seconds, concurrency, prefix] = process.argv.slice(2);
const store = createPostgresStore({ url: url!, onNotice: () => undefined, poolSize: 4 });
await store.open();
const draftAt = createEntryGenerator({ entries: 2000, days: 1 });
const started = Date.now();
const until = started + Number(seconds) * 1000;
let appended = 0;
await Promise.all(
  Array.from({ length: Number(concurrency) }, async (_, client) => {
    for (let i = client; Date.now() < until; i += Number(concurrency)) {
      const draft = { ...draftAt(i % 2000), at: new Date().toISOString(), requestId: `${prefix}-${client}-${i}` };
      await store.intend(draft);
      await store.append(draft);
      appended++;
    }
  }),
);
const elapsed = (Date.now() - started) / 1000;
await store.close();
console.log(JSON.stringify({ appended, seconds: elapsed }));
