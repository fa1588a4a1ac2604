// pnpm backup <file> — writes every table of the configured database (DATABASE_URL, or PGlite in
// DATA_DIR) to one file. Format: docs/decisions/014-backup-format.md.
import path from 'node:path';
import { backupToFile } from '../db/backup.js';
import { BackupError } from '../db/backup.rules.js';
import { openDatabase } from '../db/database.js';
import { loadDotEnv, loadEnv } from '../env.js';

// pnpm runs package scripts in server/; the file and DATA_DIR are meant relative to where it was typed.
if (process.env.INIT_CWD) process.chdir(process.env.INIT_CWD);
const file = process.argv[2];
if (!file) {
  console.error('Usage: pnpm backup <file>   (e.g. pnpm backup aionis.backup)');
  process.exit(2);
}

loadDotEnv();
const env = loadEnv();
const db = await openDatabase({ databaseUrl: env.DATABASE_URL, dataDir: env.DATA_DIR });
try {
  const { tables, rows } = await backupToFile(db.prisma, path.resolve(file));
  console.log(`Backed up ${rows} rows in ${tables} tables from ${db.location} to ${file}`);
} catch (error) {
  if (!(error instanceof BackupError)) throw error;
  console.error(error.message);
  process.exitCode = 1;
} finally {
  await db.close();
}
