// pnpm db:seed — seeds the launch plan if the database holds no plan yet (never overwrites edits).
import { openDatabase } from '../db/database.js';
import { loadDotEnv, loadEnv } from '../env.js';
import { seedIfEmpty } from '../modules/seed/seed.service.js';

// pnpm runs package scripts in server/; DATA_DIR is meant relative to where the command was typed,
// as for `pnpm start` and `pnpm backup`.
if (process.env.INIT_CWD) process.chdir(process.env.INIT_CWD);

loadDotEnv();
const env = loadEnv();
const db = await openDatabase({ databaseUrl: env.DATABASE_URL, dataDir: env.DATA_DIR });
try {
  await db.migrate();
  const { seeded } = await seedIfEmpty(db.prisma);
  console.log(seeded ? 'Seeded the launch plan.' : 'The database already holds a plan; nothing seeded.');
} finally {
  await db.close();
}
