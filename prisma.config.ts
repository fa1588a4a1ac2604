// Prisma CLI configuration. The app itself never runs the CLI: migrations are applied by the server
// (see docs/decisions/003-offline-migrations.md). This file lets `prisma generate` find the schema and
// lets Prisma's own CLI take over on a connected machine.
import { defineConfig } from 'prisma/config';

export default defineConfig({
  schema: 'prisma/schema.prisma',
  migrations: { path: 'prisma/migrations' },
  datasource: { url: process.env.DATABASE_URL ?? 'postgresql://localhost:5432/unused' },
});
