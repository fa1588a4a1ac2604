// pnpm restore <file> — loads a backup into the configured database (DATABASE_URL, or PGlite in
// DATA_DIR), which must be migrated (pnpm db:migrate) to the backup's migrations and hold no data.
import path from 'node:path';
import { restoreFromFile } from '../db/backup.js';
import { restoredChainProblem } from '../modules/audit/audit-chain.service.js';
import { BackupError } from '../db/backup.rules.js';
import { openDatabase } from '../db/database.js';
import { loadDotEnv, loadEnv } from '../env.js';

// pnpm runs package scripts in server/; the file and DATA_DIR are meant relative to where it was typed.
if (process.env.INIT_CWD) process.chdir(process.env.INIT_CWD);
const file = process.argv[2];
if (!file) {
  console.error('Usage: pnpm restore <file>   (into a database just migrated with pnpm db:migrate)');
  process.exit(2);
}

loadDotEnv();
const env = loadEnv();
const db = await openDatabase({ databaseUrl: env.DATABASE_URL, dataDir: env.DATA_DIR });
try {
  const { tables, rows } = await restoreFromFile(db.prisma, path.resolve(file), [restoredChainProblem]);
  console.log(`Restored ${rows} rows in ${tables} tables from ${file} into ${db.location}`);
} catch (error) {
  if (!(error instanceof BackupError) && (error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
  console.error(error instanceof BackupError ? error.message : `No such file: ${file}`);
  process.exitCode = 1;
} finally {
  await db.close();
}
