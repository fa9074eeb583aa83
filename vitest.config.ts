import { defineConfig } from 'vitest/config';

// Three tiers (see docs/ARCHITECTURE.md): unit tests of pure logic, integration tests of services and
// routes on a migrated database (PGlite, or TEST_DATABASE_URL), and browser journeys in e2e/.
export default defineConfig({
  test: {
    env: { TZ: 'UTC' },
    projects: [
      {
        test: {
          name: 'unit',
          include: ['src/**/*.test.ts', 'scripts/**/*.test.ts'],
          exclude: ['src/**/*.int.test.ts'],
          env: { TZ: 'UTC' },
        },
      },
      {
        test: {
          name: 'integration',
          include: ['src/**/*.int.test.ts'],
          env: { TZ: 'UTC' },
          testTimeout: 30_000,
          hookTimeout: 60_000,
          setupFiles: ['src/test/integration-setup.ts'],
          globalSetup: ['src/test/global-setup.ts'],
          // One migrated database per worker is shared by its files (emptied between tests).
          isolate: false,
        },
      },
      {
        test: {
          name: 'browser',
          include: ['e2e/**/*.e2e.test.ts'],
          env: { TZ: 'UTC' },
          testTimeout: 60_000,
          hookTimeout: 120_000,
          fileParallelism: false,
        },
      },
    ],
  },
});
