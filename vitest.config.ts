import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts', 'test/**/*.test.tsx'],
    testTimeout: 30_000,
    hookTimeout: 60_000,
    // Real servers and real browsers share 2 cores: keep the fan-out modest so timings stay sane.
    maxWorkers: 2,
    // A poll waits for a state a user would wait for; on 2 busy cores a page can take seconds to get there.
    expect: { poll: { timeout: 15_000 } },
  },
});
