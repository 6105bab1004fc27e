import { defineConfig } from 'vitest/config';

// Three projects: pure unit tests beside the code, integration tests on a real PostgreSQL
// (a fresh database per test file, cloned from a migrated template), and browser tests
// driving Debian's Chromium against the real server. Unit and integration files run two at a
// time (each integration file has its own database); the browser files come after them, one at
// a time, so a browser test never shares the machine's two cores with another file.
export default defineConfig({
  test: {
    maxWorkers: 2,
    projects: [
      {
        test: {
          name: 'unit',
          sequence: { groupOrder: 0 },
          include: ['src/**/*.test.ts', 'bench/**/*.test.ts', 'web/src/**/*.test.ts'],
          environment: 'node',
        },
      },
      {
        test: {
          name: 'integration',
          sequence: { groupOrder: 0 },
          include: ['test/**/*.test.ts'],
          environment: 'node',
          globalSetup: ['test/support/global-setup.ts'],
          testTimeout: 60_000,
          hookTimeout: 120_000,
        },
      },
      {
        test: {
          name: 'e2e',
          sequence: { groupOrder: 1 },
          include: ['e2e/**/*.test.ts'],
          environment: 'node',
          globalSetup: ['test/support/global-setup.ts', 'e2e/support/cluster-template.ts'],
          testTimeout: 60_000,
          hookTimeout: 180_000,
          fileParallelism: false,
        },
      },
    ],
  },
});
