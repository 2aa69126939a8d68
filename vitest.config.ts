import { defineConfig } from 'vitest/config';

// Two projects: fast Node unit tests of core/, and browser tests that drive the
// built app in the system Chromium (they share one preview server, so no parallel files).
export default defineConfig({
  test: {
    projects: [
      {
        test: {
          name: 'unit',
          include: ['tests/unit/**/*.test.ts'],
          environment: 'node',
          testTimeout: 30_000,
          globalSetup: ['tests/tracked-files.ts'],
        },
      },
      {
        test: {
          name: 'browser',
          include: ['tests/browser/**/*.test.ts'],
          environment: 'node',
          testTimeout: 240_000,
          hookTimeout: 120_000,
          fileParallelism: false,
          // Within a file, tests marked concurrent (CLI runs that time nothing) two at a time: one a core.
          maxConcurrency: 2,
          globalSetup: ['tests/tracked-files.ts', 'tests/browser/global-setup.ts'],
        },
      },
    ],
  },
});
