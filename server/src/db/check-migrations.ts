// Prints the SQL by which schema.prisma differs from the committed migrations; nothing when they agree.
import { PGlite } from '@electric-sql/pglite';
import type { SqlMigrationAwareDriverAdapterFactory } from '@prisma/driver-adapter-utils';
import { PrismaPGlite } from 'pglite-prisma-adapter';
import { diffSchemaAgainstMigrations } from './schema-engine.js';

const scratch = new PGlite();
process.stdout.write(await diffSchemaAgainstMigrations(new PrismaPGlite(scratch) as unknown as SqlMigrationAwareDriverAdapterFactory));
await scratch.close();
