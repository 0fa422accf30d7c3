import { readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { expect, it } from 'vitest';

const steps = fileURLToPath(new URL('../../../proxy/capture/steps/', import.meta.url));
const tests = fileURLToPath(new URL('./', import.meta.url));

// Each capture step mirrors a mitmproxy addon and is tested on its own, as mitmproxy tests each addon.
it('every capture step has its mirror test in test/unit/capture', () => {
  const present = new Set(readdirSync(tests));
  const stepFiles = readdirSync(steps).filter((f) => f.endsWith('.ts'));
  expect(stepFiles.length).toBeGreaterThan(0);
  const missing = stepFiles.map((f) => f.replace(/\.ts$/, '.test.ts')).filter((test) => !present.has(test));
  expect(missing).toEqual([]);
});
