import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { Command } from 'commander';
import { ConfigError, loadConfig } from '../config/load.ts';
import type { StoreDriver } from '../config/schema.ts';

/** What the store commands need to know; from `--data-dir` or from the config file. */
export interface StoreSettings {
  dataDir: string;
  timezone: string;
  dateOrder: 'MDY' | 'DMY';
  /** The config's store driver; `--data-dir` names a JSON log folder, so it means the JSON driver. */
  store: StoreDriver;
}

/**
 * `--data-dir DIR` points a command straight at a data folder, so verify and tail work on a copy of
 * a log without a config; the config file, when there is one, still gives the business time zone.
 */
export function storeSettings(program: Command, dataDir?: string): StoreSettings {
  const file: string = program.opts<{ config: string }>().config;
  if (dataDir && !existsSync(file)) {
    return { dataDir: resolve(dataDir), timezone: Intl.DateTimeFormat().resolvedOptions().timeZone, dateOrder: 'MDY', store: { driver: 'json' } };
  }
  const config = loadConfig(file);
  const store: StoreDriver = dataDir ? { driver: 'json' } : config.store;
  return { dataDir: dataDir ? resolve(dataDir) : config.dataDir, timezone: config.timezone, dateOrder: config.dateOrder, store };
}

/** Commands that read a log (search, export, verify) say so when the folder holds none, rather than finding nothing. */
export function existingLogSettings(program: Command, dataDir?: string): StoreSettings {
  const settings = storeSettings(program, dataDir);
  if (settings.store.driver === 'json' && !existsSync(join(settings.dataDir, 'log'))) {
    throw new ConfigError(`No audit log in ${settings.dataDir} (expected a log/ folder there; check --data-dir or the config's dataDir)`);
  }
  return settings;
}
