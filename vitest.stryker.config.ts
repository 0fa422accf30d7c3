import { defineConfig } from 'vitest/config';

// Only the unit tests of the mutated modules (stryker.config.json). Standalone on purpose: mergeConfig
// with vitest.config.ts would concatenate the include lists and run the whole suite for every mutant.
export default defineConfig({
  test: {
    include: ['test/unit/capture/*.test.ts', 'test/unit/store/chain.test.ts', 'test/unit/store/verify.test.ts'],
    exclude: ['test/unit/capture/body-*.test.ts'],
    testTimeout: 30_000,
    maxWorkers: 1,
  },
});
