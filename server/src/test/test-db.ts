import { readFile } from 'node:fs/promises';
import { PGlite } from '@electric-sql/pglite';
import pg from 'pg';
import { afterAll, inject } from 'vitest';
import type { AppServices } from '../context.js';
import { openDatabase, type Database } from '../db/database.js';
import { createCallerFactory } from '../trpc.js';
import { appRouter } from '../router.js';
import { withDatabase } from './global-setup.js';

let counter = 0;

/** A fresh, migrated database for one test file: in-memory PGlite, or a new PostgreSQL database. */
export async function createTestDb(): Promise<Database> {
  if (process.env.TEST_BACKEND === 'postgres') {
    const url = process.env.TEST_DATABASE_URL!;
    const template = inject('pgTemplate');
    // Named after the run's template, so the global teardown drops them all.
    const dbName = `${template}_${counter++}${Math.random().toString(36).slice(2, 8)}`;
    const admin = new pg.Client({ connectionString: url });
    await admin.connect();
    await admin.query(`CREATE DATABASE ${dbName} TEMPLATE ${template}`);
    await admin.end();
    const db = await openDatabase({ databaseUrl: withDatabase(url, dbName), dataDir: '' });
    afterAll(() => db.close());
    return db;
  }
  const dump = await readFile(inject('pgliteDump'));
  const client = new PGlite({ loadDataDir: new Blob([dump]) });
  const db = await openDatabase({ pglite: client });
  afterAll(async () => {
    await db.close();
    await client.close();
  });
  return db;
}

export const TODAY = '2026-03-10';

export function testServices(db: Database, today = TODAY): AppServices {
  return { db, today: () => today };
}

const createCaller = createCallerFactory(appRouter);

export function callerFor(services: AppServices) {
  return createCaller({ ...services, requestId: 'test' });
}
