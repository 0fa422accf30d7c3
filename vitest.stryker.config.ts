import { defineConfig, mergeConfig } from 'vitest/config';
import base from './vitest.config.ts';

// The tests that cover the mutated modules (stryker.config.json): unit tests only, so a mutation run stays within minutes.
export default mergeConfig(
  base,
  defineConfig({
    test: {
      include: ['test/unit/capture/**/*.test.ts', 'test/unit/store/verify.test.ts', 'test/unit/store/tamper.test.ts', 'test/unit/store/sanitize.test.ts'],
      maxWorkers: 1,
    },
  }),
);
