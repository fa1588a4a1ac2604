// Run by the Vitest global setup as a plain Node process (the wasm schema engine misbehaves inside
// Vitest's module runner): migrates an in-memory PGlite and writes its data-dir dump, and migrates the
// PostgreSQL template database when one is named.
import { writeFile } from 'node:fs/promises';
import { PGlite } from '@electric-sql/pglite';
import { openDatabase } from '../db/database.js';

const [dumpPath, templateUrl] = process.argv.slice(2);
if (!dumpPath) throw new Error('usage: prepare-template <dump path> [postgres template url]');

const pglite = new PGlite();
const db = await openDatabase({ pglite });
await db.migrate();
const dump = await pglite.dumpDataDir('none');
await writeFile(dumpPath, Buffer.from(await dump.arrayBuffer()));
await db.close();
await pglite.close();

if (templateUrl) {
  const pgDb = await openDatabase({ databaseUrl: templateUrl, dataDir: '' });
  await pgDb.migrate();
  await pgDb.close();
}
// The migration's own connection pool would otherwise hold the process open until it idles out.
process.exit(0);
