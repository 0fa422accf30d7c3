import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, expect, it } from 'vitest';
import { UNREPRESENTABLE } from '../../../proxy/store/sanitize.ts';
import { sha256 } from '../../helpers/counting-upstream.ts';
import { startHostileRig, type HostileRig } from '../../helpers/hostile-rig.ts';

let rig: HostileRig | undefined;
afterEach(async () => {
  await rig?.close();
  rig = undefined;
});

const records = [{ method: 'POST' as const, path: '/api/notes', type: 'note' }];
const json = { 'content-type': 'application/json' };
// Written as JSON text: the escape reaches the proxy as six ASCII bytes and parses to a lone surrogate.
const LONE_SURROGATE = '{"title":"ok","note":"broken \\ud800 here"}';
const HUGE_NUMBER = '{"title":"ok","amount":1e400}';

it('a lone surrogate in a JSON body is logged as [unrepresentable] with a note, and the portal gets the bytes sent', async () => {
  rig = await startHostileRig({ config: { records } });
  const answer = await rig.send('/api/notes', { method: 'POST', headers: json, body: LONE_SURROGATE });
  expect(answer.status).toBe(201);
  const [entry, ...rest] = await rig.entries();
  expect(rest).toEqual([]);
  expect(entry!.outcome).toBe('success');
  expect(entry!.records[0]!.changes).toContainEqual({ field: 'note', before: null, after: UNREPRESENTABLE });
  expect(entry!.records[0]!.changes).toContainEqual({ field: 'title', before: null, after: 'ok' });
  expect(entry!.notes?.join(' ')).toMatch(/unrepresentable/);
  expect(rig.upstream.counted().map((r) => r.sha256)).toEqual([sha256(LONE_SURROGATE)]);
});

it('1e400 (Infinity) is logged with the status the portal answered, not later as unknown', async () => {
  rig = await startHostileRig({ config: { records } });
  expect((await rig.send('/api/notes', { method: 'POST', headers: json, body: HUGE_NUMBER })).status).toBe(201);
  const [entry] = await rig.entries();
  expect(entry).toMatchObject({ status: 201, outcome: 'success' });
  expect(entry!.records[0]!.changes).toContainEqual({ field: 'amount', before: null, after: UNREPRESENTABLE });
});

it('one bad entry never costs the others in its group-commit batch their place: 30 good POSTs beside two bad ones give 32 entries', async () => {
  rig = await startHostileRig({ config: { records } });
  const good = Array.from({ length: 30 }, (_, i) => rig!.send('/api/notes', { method: 'POST', headers: json, body: JSON.stringify({ title: `good ${i}` }) }));
  const bad = [rig.send('/api/notes', { method: 'POST', headers: json, body: LONE_SURROGATE }), rig.send('/api/notes', { method: 'POST', headers: json, body: HUGE_NUMBER })];
  const answers = await Promise.all([...good, ...bad]);
  expect(answers.map((a) => a.status)).toEqual(Array(32).fill(201));
  const entries = await rig.entries();
  expect(entries).toHaveLength(32);
  expect(entries.every((e) => e.outcome === 'success')).toBe(true);
  expect(rig.upstream.counted()).toHaveLength(32);
  // The same log survives a restart: nothing was left open in the intent journal.
  await rig.restart();
  expect(await rig.entries()).toHaveLength(32);
});

it('a restart over an intent journal that holds an unrepresentable draft succeeds and logs it as unknown', async () => {
  const dataDir = await mkdtemp(join(tmpdir(), 'portal-audit-hostile-'));
  const draft = {
    at: new Date().toISOString(),
    member: 'Unknown',
    memberKind: 'unknown',
    username: null,
    source: 'Office Portal',
    ip: '127.0.0.1',
    verb: 'create',
    action: 'Created note',
    method: 'POST',
    path: '/api/notes',
    status: null,
    outcome: 'unknown',
    records: [{ type: 'note', id: null, name: null, op: 'create', link: null, changes: [{ field: 'note', before: null, after: 'broken \ud800 here' }] }],
    requestId: 'left-open-by-an-older-version',
    userAgent: null,
    truncated: false,
  };
  // What an older version wrote before it was killed: JSON.stringify escapes the lone surrogate as \ud800.
  await writeFile(join(dataDir, 'intents.jsonl'), `${JSON.stringify({ intend: { draft, head: 0 } })}\n`);
  rig = await startHostileRig({ config: { records }, dataDir });
  const [entry] = await rig.entries();
  expect(entry).toMatchObject({ requestId: 'left-open-by-an-older-version', outcome: 'unknown' });
  expect(entry!.records[0]!.changes).toEqual([{ field: 'note', before: null, after: UNREPRESENTABLE }]);
  // And the proxy records on as usual.
  expect((await rig.send('/api/notes', { method: 'POST', headers: json, body: '{"title":"after"}' })).status).toBe(201);
  expect(await rig.entries()).toHaveLength(2);
});
