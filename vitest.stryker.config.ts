import { defineConfig } from 'vitest/config';

// Only the unit tests of the mutated modules (stryker.config.json). Standalone on purpose: mergeConfig
// with vitest.config.ts would concatenate the include lists and run the whole suite for every mutant.
export default defineConfig({
  test: {
    include: ['test/unit/capture/*.test.ts', 'test/unit/store/chain.test.ts', 'test/unit/store/verify.test.ts'],
    // The body reader's, decoder's and parser's tests are slow and cover no mutated module.
    exclude: ['test/unit/capture/body-{read,decode,parse}.test.ts'],
    testTimeout: 30_000,
    maxWorkers: 1,
  },
});
