import { afterAll, beforeAll, expect, it } from 'vitest';
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Entry } from '../../shared/entry.ts';
import { KNOWN_SOURCES } from '../../shared/entry.ts';
import { startDemo, type RunningDemo } from '../../proxy/demo/start-demo.ts';

let dataDir: string;
let demo: RunningDemo;
let entries: Entry[];

beforeAll(async () => {
  dataDir = await mkdtemp(join(tmpdir(), 'portal-audit-demo-'));
  demo = await startDemo({ dataDir, ephemeral: true });
  entries = [];
  for await (const entry of demo.audit.store.readSeq(1)) entries.push(entry);
});
afterAll(async () => {
  await demo?.close();
  await rm(dataDir, { recursive: true, force: true });
});

const find = (pred: (e: Entry) => boolean, what: string) => {
  const hit = entries.find(pred);
  if (!hit) throw new Error(`no entry ${what} among:\n${entries.map((e) => `${e.source} | ${e.member} | ${e.username} | ${e.action}`).join('\n')}`);
  return hit;
};

it('first start drives the demo traffic: one entry per change, all answered as expected', () => {
  expect(demo.traffic).not.toBeNull();
  expect(demo.traffic!.filter((s) => s.status !== s.expected)).toEqual([]);
  expect(entries.length).toBe(demo.traffic!.length);
});

it('records entries from all six sources', () => {
  expect(new Set(entries.map((e) => e.source))).toEqual(new Set(KNOWN_SOURCES));
});

it('records admin deleting a Smith with member name, username and the record', () => {
  const deleted = find((e) => e.username === 'admin' && e.verb === 'delete' && e.records[0]?.type === 'student', 'of admin deleting a student');
  expect(deleted).toMatchObject({ member: 'Alex Morgan', memberKind: 'staff', source: 'Office Portal', outcome: 'success' });
  expect(deleted.records[0]).toMatchObject({ id: '104', name: 'Noah Smith', link: '/students/104' });
});

it('names members from logins, JWTs and kiosk PINs', () => {
  find((e) => e.source === 'Customer Portal' && e.member === 'Jane Smith' && e.memberKind === 'family' && e.records[0]?.type === 'family', 'of Jane Smith updating her family');
  find((e) => e.source === 'Mobile App' && e.member === 'David Johnson' && e.verb === 'payment', 'of a mobile payment');
  find(
    (e) => e.source === 'Mobile App' && e.verb === 'login' && e.outcome === 'success' && e.member === 'David Johnson' && e.username === 'david.johnson',
    'of the mobile app login naming its member',
  );
  find((e) => e.source === 'Check-In Kiosk' && e.member === 'Maria Garcia' && e.records[0]?.name === 'Sofia Garcia', 'of a kiosk check-in');
  find((e) => e.source === 'Time Clock Kiosk' && e.username === 'coach.kim' && e.records[0]?.name === 'Kim Nguyen', 'of a time-clock punch');
  find((e) => e.source === 'Office Portal' && e.memberKind === 'support' && e.member === 'Jordan Lee', 'by the support account');
  find((e) => e.source === 'Staff Portal' && e.username === 'coach.kim' && e.records[0]?.changes.some((c) => c.field === 'status') === true, "of coach.kim changing a student's status");
});

it('names charges and payments by the family guardian and enrollments by the student', () => {
  find((e) => e.verb === 'payment' && e.records[0]?.name === 'John Smith' && e.username === 'front.desk', 'of the front desk taking a payment from John Smith');
  find((e) => e.verb === 'charge' && e.records[0]?.name === 'John Smith', 'of a charge to John Smith');
  find((e) => e.records[0]?.type === 'enrollment' && e.records[0]?.name === 'Lily Smith', 'of enrolling Lily Smith');
});

it('records the failed login as a failure and the logout', () => {
  find((e) => e.path === '/login' && e.outcome === 'failure', 'of a failed login');
  find((e) => e.path === '/logout' && e.username === 'coach.kim', 'of coach.kim signing out');
});

it('keeps card numbers and medical notes out of the data directory', async () => {
  const files: string[] = [];
  const walk = async (dir: string) => {
    for (const d of await readdir(dir, { withFileTypes: true })) {
      if (d.isDirectory()) await walk(join(dir, d.name));
      else files.push(join(dir, d.name));
    }
  };
  await walk(dataDir);
  const text = (await Promise.all(files.map((f) => readFile(f, 'utf8')))).join('\n');
  expect(text).toContain('Noah Smith');
  for (const secret of ['4111111111111111', '5555555555554444', 'Wears glasses', 'Peanut allergy']) expect(text).not.toContain(secret);
  // The demo password is the word "password": as a field name it may appear, as a value never.
  expect(text).not.toMatch(/"(before|after)":\s*"password"/);
});
