import { readFile, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, expect, it } from 'vitest';
import { createSessionBook } from '../../../proxy/store/json/session-book.ts';
import { tempDataDir } from '../../helpers/temp-store.ts';

let dataDir = '';
afterEach(() => rm(dataDir, { recursive: true, force: true }));

it('remembers a login session across a restart, without writing the cookie value', async () => {
  dataDir = await tempDataDir();
  const cookie = 'sid-7f3c9a1e5b2d4c6e8f0a';
  await createSessionBook({ dataDir }).remember([cookie], 'pat.admin', 8);

  const restarted = createSessionBook({ dataDir });
  expect(await restarted.lookup(cookie)).toBe('pat.admin');
  expect(await restarted.lookup('some-other-cookie')).toBeNull();
  const file = await readFile(join(dataDir, 'sessions.json'), 'utf8');
  expect(file).toContain('pat.admin');
  expect(file).not.toContain(cookie);
});

it('forgets a session at logout and after it expires', async () => {
  dataDir = await tempDataDir();
  let now = Date.parse('2026-05-01T10:00:00Z');
  const book = createSessionBook({ dataDir, now: () => now });
  await book.remember(['a', 'b'], 'jlopez', 1);
  await book.forget(['a']);
  expect(await book.lookup('a')).toBeNull();
  expect(await book.lookup('b')).toBe('jlopez');
  now += 2 * 3_600_000;
  expect(await createSessionBook({ dataDir, now: () => now }).lookup('b')).toBeNull();
});

it('follows a renewed session to the same user and expiry, but never an expired or unknown one', async () => {
  dataDir = await tempDataDir();
  let now = Date.parse('2026-05-01T10:00:00Z');
  const book = createSessionBook({ dataDir, now: () => now });
  await book.remember(['_app_session=v1'], 'jlopez', 1);
  await book.follow('_app_session=v1', ['_app_session=v2']);
  await book.follow('_app_session=stranger', ['_app_session=v3']);
  expect(await book.lookup('_app_session=v2')).toBe('jlopez');
  expect(await book.lookup('_app_session=v3')).toBeNull();
  now += 2 * 3_600_000;
  expect(await book.lookup('_app_session=v2')).toBeNull();
  await book.follow('_app_session=v1', ['_app_session=v4']);
  expect(await book.lookup('_app_session=v4')).toBeNull();
});
