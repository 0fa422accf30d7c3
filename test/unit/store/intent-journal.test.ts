import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { expect, it } from 'vitest';
import { createIntentJournal } from '../../../proxy/store/json/intent-journal.ts';
import { drafts, scratchDataDir } from '../../helpers/temp-store.ts';

it('loads any content: notes by request id, unreadable lines as they were, a torn last line cut', async () => {
  const dataDir = await scratchDataDir();
  const [a, b] = drafts(2);
  const lines = [
    'garbage',
    '{"intend":{"draft":{"requestId":""},"head":1}}',
    JSON.stringify({ intend: { draft: a, head: 'x' } }),
    JSON.stringify({ intend: { draft: b, head: 4 } }),
    JSON.stringify({ abandon: b!.requestId }),
    '17',
  ];
  await writeFile(join(dataDir, 'intents.jsonl'), `${lines.join('\n')}\n{"intend":`);
  const journal = createIntentJournal({ dataDir });
  const { intents, unreadable } = await journal.load();
  expect([...intents.keys()]).toEqual([a!.requestId]);
  // A head that is not a count falls back to the log's start: recovery then reads the whole log.
  expect(intents.get(a!.requestId)!.head).toBe(0);
  expect(unreadable).toEqual(['garbage', '{"intend":{"draft":{"requestId":""},"head":1}}', '17']);
  expect(await readFile(join(dataDir, 'intents.jsonl'), 'utf8')).toBe(`${lines.join('\n')}\n`);
  await journal.close();
});
