// Child process for the writer-lock tests: opens the store as its writer and says whether it got the log.
import { createJsonStore } from '../../proxy/store/json/json-store.ts';
import { drafts } from './temp-store.ts';

const [dataDir] = process.argv.slice(2) as [string];
const store = createJsonStore({ dataDir, onNotice: () => undefined });
try {
  await store.open();
} catch (err) {
  process.stdout.write(`locked: ${(err as Error).message}\n`);
  process.exit(3);
}
// Proves the writing, not just the opening: an entry per writer.
await store.append({ ...drafts(1, { prefix: `writer-${process.pid}` })[0]! });
process.stdout.write(`writer ${process.pid}\n`);
setInterval(() => undefined, 1000);
