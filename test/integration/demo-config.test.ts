import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { parseConfig } from '../../proxy/config/load.ts';
import { DEMO_CONFIG_FILE, demoConfig } from '../../proxy/demo/demo-config.ts';
import { GymAuth } from '../../proxy/demo/portal/auth.ts';
import { buildRouter } from '../../proxy/demo/portal/server.ts';
import { FAMILIES, STAFF } from '../../proxy/demo/portal/seed-data.ts';
import { createGymState } from '../../proxy/demo/portal/state.ts';
import { KNOWN_SOURCES } from '../../shared/entry.ts';

describe('bundled demo config', () => {
  const config = parseConfig(JSON.parse(readFileSync(DEMO_CONFIG_FILE, 'utf8')), DEMO_CONFIG_FILE);

  it('validates and maps all six sources', () => {
    const sources = new Set([...config.portals.map((p) => p.source), ...config.sources.map((s) => s.source)]);
    expect([...sources].sort()).toEqual([...KNOWN_SOURCES].sort());
    expect(config.redact).toContain('medicalNotes');
  });

  it('names every demo login in the directory with its kind', () => {
    for (const s of STAFF) expect(config.actors.directory[s.username]).toEqual({ name: s.name, kind: s.role === 'support' ? 'support' : 'staff' });
    for (const f of FAMILIES) expect(config.actors.directory[f.username]).toEqual({ name: `${f.guardianFirst} ${f.guardianLast}`, kind: 'family' });
  });

  it('has record rules only for routes the demo portal serves, and a GET for every snapshot and nameFrom', () => {
    const state = createGymState();
    const router = buildRouter(state, new GymAuth(state));
    const concrete = (path: string) => path.replace(/:\w+|\{[^}]+\}/g, '101');
    for (const rule of config.records) {
      const found = router.find(rule.method ?? 'PATCH', concrete(rule.path));
      expect(found, `${rule.method ?? 'any'} ${rule.path}`).toHaveProperty('handler');
      if (rule.snapshot) expect(router.find('GET', concrete(rule.path)), `snapshot GET ${rule.path}`).toHaveProperty('handler');
      if (rule.nameFrom) expect(router.find('GET', concrete(rule.nameFrom.get)), rule.nameFrom.get).toHaveProperty('handler');
    }
  });

  it('moves every listener for a port offset or to port 0, and points them at the running portal', () => {
    const shifted = demoConfig({ portalUrl: 'http://127.0.0.1:3100', portOffset: 100, dataDir: '/tmp/x' });
    expect(shifted.portals.map((p) => p.listen)).toEqual(['127.0.0.1:8181', '127.0.0.1:8182', '127.0.0.1:8183']);
    expect(shifted.admin.listen).toBe('127.0.0.1:7170');
    expect(shifted.portals.every((p) => p.target === 'http://127.0.0.1:3100')).toBe(true);
    expect(shifted.dataDir).toBe('/tmp/x');
    const ephemeral = demoConfig({ portalUrl: 'http://127.0.0.1:1', ephemeral: true });
    expect(ephemeral.portals.every((p) => p.listen === '127.0.0.1:0')).toBe(true);
    expect(ephemeral.dataDir).toMatch(/data\/demo$/);
  });
});
