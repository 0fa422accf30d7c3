import { readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { expect, it } from 'vitest';
import { ConfigError, parseConfig } from '../../../proxy/config/load.ts';
import { createStore } from '../../../proxy/store/create-store.ts';
import { drafts, scratchDataDir } from '../../helpers/temp-store.ts';

const portals = [{ listen: '127.0.0.1:0', target: 'http://127.0.0.1:1', source: 'Office Portal' }];

it('builds the JSON store by default: no server, entries in day segments under dataDir/log', async () => {
  const dataDir = await scratchDataDir();
  const config = { ...parseConfig({ portals }), dataDir };
  expect(config.store).toEqual({ driver: 'json' });
  const store = createStore(config, { onNotice: () => undefined });
  await store.open();
  const entry = await store.append(drafts(1)[0]!);
  await store.close();
  expect(entry.seq).toBe(1);
  expect((await readdir(join(dataDir, 'log'))).some((name) => name.endsWith('.jsonl'))).toBe(true);

  const reader = createStore(config, { readOnly: true });
  await reader.open();
  expect(reader.head()).toEqual({ seq: 1, hash: entry.hash });
  expect(reader.status().reason).toBe('opened read-only');
  await reader.close();
});

it('names the key of a bad store config', () => {
  expect(() => parseConfig({ portals, store: { driver: 'mysql' } })).toThrow(/store\.driver: /);
  expect(() => parseConfig({ portals, store: { driver: 'postgres', url: 'mysql://x' } })).toThrow(/store\.url: expected a postgres:\/\/ or postgresql:\/\/ URL/);
  expect(() => parseConfig({ portals, store: { driver: 'json', path: 'x' } })).toThrow(/store: unknown key "path"/);
});

it('the postgres driver needs a URL, from store.url or PORTAL_AUDIT_DATABASE_URL', () => {
  const config = { ...parseConfig({ portals, store: { driver: 'postgres' } }), dataDir: '/nonexistent' };
  expect(() => createStore(config, { env: {} })).toThrow(ConfigError);
  expect(() => createStore(config, { env: {} })).toThrow(/store\.url: required for the postgres driver \(or set PORTAL_AUDIT_DATABASE_URL\)/);
  expect(() => createStore(config, { env: { PORTAL_AUDIT_DATABASE_URL: 'not a url' } })).toThrow(/PORTAL_AUDIT_DATABASE_URL: expected a postgres:\/\//);
});
