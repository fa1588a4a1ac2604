// pnpm db:migrate — applies pending migrations to the configured database (DATABASE_URL, or PGlite in DATA_DIR).
import { openDatabase } from '../db/database.js';
import { loadDotEnv, loadEnv } from '../env.js';

// pnpm runs package scripts in server/; DATA_DIR is meant relative to where the command was typed,
// as for `pnpm start` and `pnpm backup`.
if (process.env.INIT_CWD) process.chdir(process.env.INIT_CWD);

loadDotEnv();
const env = loadEnv();
const db = await openDatabase({ databaseUrl: env.DATABASE_URL, dataDir: env.DATA_DIR });
try {
  const applied = await db.migrate();
  console.log(applied.length ? `Applied: ${applied.join(', ')}` : `${db.location}: already up to date`);
} finally {
  await db.close();
}
