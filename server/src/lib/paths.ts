import { fileURLToPath } from 'node:url';
import path from 'node:path';

// server/src/lib/paths.ts and server/dist/lib/paths.js both sit three levels below the repository root.
const here = path.dirname(fileURLToPath(import.meta.url));

export const repoRoot = path.resolve(here, '..', '..', '..');
export const prismaDir = path.join(repoRoot, 'prisma');
export const schemaPath = path.join(prismaDir, 'schema.prisma');
export const migrationsDir = path.join(prismaDir, 'migrations');
export const seedDir = path.join(prismaDir, 'seed');
export const webDistDir = path.join(repoRoot, 'web', 'dist');
