import { defineConfig } from 'vitest/config';

// Every test runs on in-memory PGlite. With TEST_DATABASE_URL set (CI sets it), the database-backed
// suites (services and routers) run a second time against real PostgreSQL, a fresh database per file.
const postgres = process.env.TEST_DATABASE_URL;

export default defineConfig({
  test: {
    globalSetup: ['src/test/global-setup.ts'],
    testTimeout: 30_000,
    hookTimeout: 60_000,
    projects: [
      { extends: true, test: { name: 'pglite', include: ['src/**/*.test.ts'], env: { TEST_BACKEND: 'pglite' } } },
      ...(postgres
        ? [{ extends: true as const, test: { name: 'postgres', include: ['src/**/*.db.test.ts'], env: { TEST_BACKEND: 'postgres' } } }]
        : []),
    ],
  },
});
