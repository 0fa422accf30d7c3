import { fileURLToPath } from 'node:url';
import { resolve } from 'node:path';
import { loadConfig } from '../config/load.ts';
import type { Config } from '../config/schema.ts';

/** The bundled config: three portal faces in front of the demo gym, all six sources, every record rule. */
export const DEMO_CONFIG_FILE = fileURLToPath(new URL('./portal-audit.demo.json', import.meta.url));
export const DEMO_PORTAL_PORT = 3000;

export interface DemoConfigOptions {
  /** Where the demo portal really listens (its port may differ from the file's when shifted or ephemeral). */
  portalUrl: string;
  /** Overrides the file's dataDir (which points at data/demo in the checkout). */
  dataDir?: string;
  /** Added to every port of the file, for machines where 7070 or 8081–8083 are taken. */
  portOffset?: number;
  /** Listen on port 0 everywhere (tests running side by side). */
  ephemeral?: boolean;
}

export function demoConfig({ portalUrl, dataDir, portOffset = 0, ephemeral = false }: DemoConfigOptions): Config {
  const config = loadConfig(DEMO_CONFIG_FILE);
  const shift = (listen: string) => {
    const at = listen.lastIndexOf(':');
    return `${listen.slice(0, at)}:${ephemeral ? 0 : Number(listen.slice(at + 1)) + portOffset}`;
  };
  return {
    ...config,
    dataDir: dataDir ? resolve(dataDir) : config.dataDir,
    admin: { ...config.admin, listen: shift(config.admin.listen) },
    portals: config.portals.map((p) => ({ ...p, listen: shift(p.listen), target: portalUrl })),
  };
}
