import { defineConfig } from 'vitest/config';

// Three projects: pure unit tests beside the code, integration tests on a real PostgreSQL
// (a fresh database per test file, cloned from a migrated template), and browser tests
// driving Debian's Chromium against the real server. Unit and integration files run two at a
// time (each integration file has its own database); the browser files come after them, one at
// a time, so a browser test never shares the machine's two cores with another file.
//
// Unit and integration files share their worker's loaded modules (`isolate: false`): each file
// builds its own context, database and server, and the sources keep no state between calls
// but caches of what they computed (policies, calendars), so loading the application once per
// worker instead of once per file changes nothing but the time (integration 325 s -> 235 s,
// unit 66 s -> 33 s on this 2-core machine). Nothing in the tests mocks a module or stubs the
// environment, which would leak from file to file this way.
export default defineConfig({
  test: {
    maxWorkers: 2,
    projects: [
      {
        test: {
          name: 'unit',
          sequence: { groupOrder: 0 },
          isolate: false,
          include: ['src/**/*.test.ts', 'bench/**/*.test.ts', 'web/src/**/*.test.ts'],
          environment: 'node',
        },
      },
      {
        test: {
          name: 'integration',
          sequence: { groupOrder: 0 },
          isolate: false,
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
