import { defineConfig } from 'vitest/config';

// Two projects: `unit` (pure functions, no database) and `db` (services and routes on a real
// database: in-memory PGlite, or PostgreSQL when TEST_DATABASE_URL is set). CI runs `db` twice.
export default defineConfig({
  test: {
    projects: [
      {
        test: {
          name: 'unit',
          include: ['packages/*/src/**/*.test.ts', 'apps/*/src/**/*.test.ts'],
          exclude: ['**/*.db.test.ts', '**/node_modules/**'],
          environment: 'node',
          sequence: { groupOrder: 0 },
        },
      },
      {
        test: {
          name: 'db',
          include: ['packages/*/src/**/*.db.test.ts', 'apps/*/src/**/*.db.test.ts'],
          testTimeout: 60_000,
          hookTimeout: 120_000,
          environment: 'node',
          // One template database per run (migrated and seeded once), copied by every test app.
          globalSetup: ['apps/server/src/test-template.ts'],
          // Vitest's default on 2 cores is one worker; database tests wait on I/O as much as they compute,
          // so two files at a time halve the wall time (measured in the README).
          maxWorkers: 2,
          // CCHC_TEST_CPU_PROF=<dir>: a CPU profile per worker, to see where a slow test file spends its time.
          execArgv: process.env.CCHC_TEST_CPU_PROF ? ['--cpu-prof', `--cpu-prof-dir=${process.env.CCHC_TEST_CPU_PROF}`] : [],
          isolate: false,
          // Projects with different worker counts run one after the other (vitest requires distinct groups).
          sequence: { groupOrder: 1 },
        },
      },
    ],
  },
});
