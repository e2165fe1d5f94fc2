import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: [
      'workflow/test/**/*.test.ts',
      'api/test/**/*.test.ts',
      'server/test/**/*.test.ts',
      'server/connectors/**/*.test.ts',
      'client/src/**/*.test.{ts,tsx}',
    ],
    // 2 cores: keep parallelism modest so database-backed files do not starve each other.
    maxWorkers: 2,
    testTimeout: 20_000,
    // Hooks create and drop each file's database: on a machine under a CPU hog a DROP
    // DATABASE took over vitest's 10 s default (the third of three loaded runs failed so).
    hookTimeout: 60_000,
    // One PostgreSQL cluster and migrated template per run; each test file clones its own database.
    globalSetup: ['server/test/global-setup.ts'],
  },
});
