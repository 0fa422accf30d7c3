import { once } from 'node:events';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import pg from 'pg';
import { afterEach, describe, expect, it } from 'vitest';
import type { Entry } from '../../shared/entry.ts';
import { entryLine } from '../../proxy/store/canonical-line.ts';
import { createStore } from '../../proxy/store/create-store.ts';
import { postgresReachable, scratchDatabase } from '../helpers/postgres.ts';
import { runTail } from '../helpers/tail-process.ts';
import { drafts, scratchDataDir } from '../helpers/temp-store.ts';

const cleanup: Array<() => Promise<void>> = [];
afterEach(async () => {
  for (const step of cleanup.splice(0).reverse()) await step();
});

/** A config folder whose store is a fresh database holding `count` entries; `sql` runs statements on that database as an insider. */
async function postgresLog(count: number) {
  const dir = await scratchDataDir();
  const db = await scratchDatabase();
  cleanup.push(() => db.drop());
  const portals = [{ listen: '127.0.0.1:0', target: 'http://127.0.0.1:1', source: 'Office Portal' }];
  const store = { driver: 'postgres', url: db.url } as const;
  await writeFile(join(dir, 'portal-audit.config.json'), JSON.stringify({ portals, store }));
  const writer = createStore({ dataDir: dir, store }, { onNotice: () => undefined });
  await writer.open();
  for (const d of drafts(count)) await writer.append(d);
  await writer.close();
  const sql = async (text: string, values: unknown[] = []) => {
    const client = new pg.Client({ connectionString: db.url });
    await client.connect();
    try {
      return (await client.query<{ line: string }>(text, values)).rows;
    } finally {
      await client.end();
    }
  };
  return { dir, store, sql };
}

describe.runIf(await postgresReachable())('portal-audit tail on PostgreSQL', () => {
  it('names a row edited in place whose hash was left, by seq and table, prints every entry, and exits 1', async () => {
    const { dir, sql } = await postgresLog(5);
    const [row] = await sql('SELECT line FROM entries WHERE seq = 3');
    const edited = entryLine({ ...(JSON.parse(row?.line ?? expect.unreachable()) as Entry), username: 'someone.else' });
    await sql('UPDATE entries SET line = $1 WHERE seq = 3', [edited]);

    const { tail, out, seqs } = runTail(dir, ['-n', '10', '--no-follow']);
    const [code] = await once(tail, 'exit');
    expect(seqs()).toEqual([1, 2, 3, 4, 5]);
    expect(out.stderr).toBe('portal-audit tail: entry 3 was altered: its content does not match its hash (entry 3 at row seq 3 of table entries); run portal-audit verify\n');
    expect(code).toBe(1);
  }, 60_000);

  it('checks the hash of each entry it follows: a row altered as it was inserted is named by seq and table', async () => {
    const { dir, store, sql } = await postgresLog(5);
    const { tail, out, seqs } = runTail(dir, ['-n', '1']);
    try {
      await expect.poll(seqs, { message: 'the newest entry' }).toEqual([5]);
      // An insider's trigger edits the stored line of what the proxy appends next, after its hash was computed.
      await sql(`CREATE FUNCTION forge() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN NEW.line := regexp_replace(NEW.line, '"username":("[^"]*"|null)', '"username":"someone.else"'); RETURN NEW; END $$`);
      await sql('CREATE TRIGGER forge BEFORE INSERT ON entries FOR EACH ROW EXECUTE FUNCTION forge()');
      const writer = createStore({ dataDir: dir, store }, { onNotice: () => undefined });
      await writer.open();
      await writer.append(drafts(1, { prefix: 'forged' }).at(0) ?? expect.unreachable());
      await writer.close();
      await expect.poll(seqs, { message: 'the forged entry is shown' }).toEqual([5, 6]);
      await expect
        .poll(() => out.stderr, { message: 'and named' })
        .toBe('portal-audit tail: entry 6 was altered: its content does not match its hash (entry 6 at row seq 6 of table entries); run portal-audit verify\n');
    } finally {
      tail.kill();
      await once(tail, 'exit');
    }
  }, 60_000);
});
