import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SearchResponse } from '../../shared/api.ts';
import { exportHeader } from '../../shared/format/export-row.ts';
import { createJsonStore } from '../../proxy/store/json/json-store.ts';
import { draft } from '../helpers/admin-api.ts';
import { parseCsv } from '../helpers/delimited.ts';

const BIN = join(import.meta.dirname, '../../bin/portal-audit.mjs');
const run = promisify(execFile);
let dataDir: string;
const cli = (...args: string[]) => run(process.execPath, [BIN, '--config', join(dataDir, 'no-config.json'), ...args, '--data-dir', dataDir], { env: { ...process.env, TZ: 'UTC' } });

beforeAll(async () => {
  dataDir = await mkdtemp(join(tmpdir(), 'pa-cli-search-'));
  const store = createJsonStore({ dataDir, onNotice: () => {} });
  await store.open();
  for (let i = 0; i < 80; i++) {
    await store.append(draft({ at: new Date(Date.UTC(2026, 10, 20, 12, i)).toISOString(), username: i % 2 ? 'lee.coach' : 'pat.admin', member: i % 2 ? 'Lee Coach' : 'Pat Admin' }));
  }
  await store.append(
    draft({
      at: '2026-11-21T17:10:00.000Z',
      verb: 'delete',
      method: 'DELETE',
      action: 'Deleted student John Smith',
      records: [{ type: 'student', id: '2', name: 'John Smith', op: 'delete', link: null, changes: [] }],
    }),
  );
  await store.close();
});
afterAll(() => rm(dataDir, { recursive: true, force: true }));

describe('portal-audit search', () => {
  it('prints what the text was understood as, one line per entry and the total', async () => {
    const { stdout } = await cli('search', 'pat.admin deleted smith');
    const lines = stdout.trimEnd().split('\n');
    expect(lines[0]).toMatch(/^Understood as: .*/);
    expect(lines).toContain('11/21/2026 5:10:00 PM  Pat Admin (pat.admin)  Office Portal  10.0.0.7  Deleted student John Smith');
    expect(lines.at(-1)).toBe('1 match');
  });

  it('takes the filters and --json', async () => {
    const { stdout } = await cli('search', '--staff', 'lee.coach', '--limit', '5', '--json');
    const body = SearchResponse.parse(JSON.parse(stdout));
    expect(body.total).toBe(40);
    expect(body.entries).toHaveLength(5);
    expect(new Set(body.entries.map((e) => e.username))).toEqual(new Set(['lee.coach']));
  });

  it('exits 2 naming a bad option', async () => {
    const failed = await cli('search', 'x', '--limit', '900').catch((err) => err);
    expect(failed.code).toBe(2);
    expect(failed.stderr).toMatch(/--limit: must be at most 500/);
  });
});

describe('portal-audit export', () => {
  it('writes every match as RFC 4180 CSV to --out', async () => {
    const out = join(dataDir, 'out.csv');
    await cli('export', '--format', 'csv', '--staff', 'pat.admin', '--out', out);
    const text = await readFile(out, 'utf8');
    expect(text.charCodeAt(0)).toBe(0xfeff);
    const rows = parseCsv(text.slice(1));
    expect(rows[0]).toEqual(exportHeader('UTC'));
    expect(rows).toHaveLength(1 + 41);
    expect(rows[1]![0]).toBe('2026-11-21 17:10:00');
  });

  it('writes JSON Lines to standard output', async () => {
    const { stdout } = await cli('export', '--format', 'jsonl', '--source', 'Office Portal');
    expect(stdout.trimEnd().split('\n')).toHaveLength(81);
  });

  it('exits 2 on an unknown format', async () => {
    const failed = await cli('export', '--format', 'xml').catch((err) => err);
    expect(failed.code).toBe(2);
    expect(failed.stderr).toMatch(/--format: must be csv, tsv or jsonl/);
  });
});
