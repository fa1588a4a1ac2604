import { randomUUID } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { PGlite } from '@electric-sql/pglite';
import pg from 'pg';
import { afterAll, inject } from 'vitest';
import { createAuth } from '../auth/auth.js';
import type { AppServices, SessionUser } from '../context.js';
import { openDatabase, type Database } from '../db/database.js';
import type { TokenPrincipal } from '../modules/tokens/tokens.rules.js';
import type { Role } from '../modules/users/users.schema.js';
import { appRouter } from '../router.js';
import { createCallerFactory } from '../trpc.js';
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
export const TEST_PUBLIC_URL = 'http://127.0.0.1:3000';

export async function testServices(db: Database, today = TODAY): Promise<AppServices> {
  const auth = await createAuth(db.prisma, { publicUrl: TEST_PUBLIC_URL, secret: 'test-secret-test-secret-test-secret', sessionIdleDays: 7 });
  // Link checks in tests reach a loopback server, so private addresses are allowed.
  return { db, auth, today: () => today, linkCheck: { allowPrivate: true, timeoutMs: 2_000, concurrency: 4 } };
}

/** A user with this role, stored like any other (the audit trail names them). */
export async function createTestUser(db: Database, role: Role, name = `Test ${role}`): Promise<SessionUser> {
  const id = randomUUID();
  const email = `${role}-${id.slice(0, 8)}@example.test`;
  await db.prisma.user.create({ data: { id, name, email, role, emailVerified: true } });
  return { id, name, email, role };
}

const createCaller = createCallerFactory(appRouter);

/** The API as this user would call it (null: signed out). */
export function callerFor(services: AppServices, user: SessionUser | null) {
  return createCaller({ ...services, requestId: `test-${randomUUID().slice(0, 8)}`, user });
}

/** The API as a request bearing this API token would call it (REST, MCP): the token's user, bounded by its scopes. */
export function callerForToken(services: AppServices, token: TokenPrincipal) {
  return createCaller({ ...services, requestId: `test-${randomUUID().slice(0, 8)}`, user: token.user, token });
}

/** A caller for each role, for the tests that check who may do what. */
export async function callersByRole(services: AppServices) {
  const entries = await Promise.all(
    (['viewer', 'sales', 'pm', 'leadership', 'admin'] as const).map(async (role) => [role, callerFor(services, await createTestUser(services.db, role))] as const),
  );
  return Object.fromEntries(entries) as Record<Role, ReturnType<typeof callerFor>>;
}
