import { defineConfig } from 'vitest/config';

// Every test runs on in-memory PGlite. With TEST_DATABASE_URL set (CI sets it), the database-backed
// suites (`*.db.test.ts`: services, routers, HTTP) run a second time against real PostgreSQL, on a
// fresh database per file. The global setup runs once for both projects (they do not `extends` it).
const postgres = process.env.TEST_DATABASE_URL;
const common = { testTimeout: 30_000, hookTimeout: 60_000 };

export default defineConfig({
  test: {
    globalSetup: ['src/test/global-setup.ts'],
    projects: [
      { test: { ...common, name: 'pglite', include: ['src/**/*.test.ts'], env: { TEST_BACKEND: 'pglite' } } },
      ...(postgres ? [{ test: { ...common, name: 'postgres', include: ['src/**/*.db.test.ts'], env: { TEST_BACKEND: 'postgres' } } }] : []),
    ],
  },
});
