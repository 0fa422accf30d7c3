import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts', 'test/**/*.test.tsx'],
    testTimeout: 30_000,
    hookTimeout: 60_000,
    // Real servers and real browsers share 2 cores: keep the fan-out modest so timings stay sane.
    maxWorkers: 2,
  },
});
