import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import type { PGlite } from '@electric-sql/pglite';
import { PrismaPg } from '@prisma/adapter-pg';
import type { SqlMigrationAwareDriverAdapterFactory } from '@prisma/driver-adapter-utils';
import { PrismaClient } from '../generated/prisma/client.js';
import { listenPostgres, type ListenHandlers, type Unlisten } from './listen.js';
import { applyMigrations, readMigrationList } from './schema-engine.js';
import { countingAdapter } from './statement-count.js';

export type Db = PrismaClient;
/** The client inside `db.$transaction(async (tx) => ...)`. */
export type Tx = Parameters<Parameters<Db['$transaction']>[0]>[0];

export interface Database {
  kind: 'pglite' | 'postgres';
  prisma: PrismaClient;
  /** Where the data lives, for logs: a directory or a URL without its password. */
  location: string;
  migrate(): Promise<string[]>;
  ping(): Promise<boolean>;
  /** LISTENs on a notification channel (PostgreSQL: a dedicated connection that reconnects). */
  listen(channel: string, handlers: ListenHandlers): Promise<Unlisten>;
  close(): Promise<void>;
}

export type DatabaseConfig =
  | {
      databaseUrl?: string | undefined;
      dataDir: string;
      /** Count each request's SQL statements (statement-count.ts), for the benchmark. */
      countStatements?: boolean;
    }
  | { pglite: PGlite };

function redact(url: string): string {
  try {
    const u = new URL(url);
    if (u.password) u.password = '***';
    return u.toString();
  } catch {
    return 'postgresql://(unparseable)';
  }
}

// The pglite adapter pins its own copy of @prisma/driver-adapter-utils; the interface is the same.
const asFactory = (f: unknown) => f as SqlMigrationAwareDriverAdapterFactory;

/** Opens PostgreSQL when a URL is given, otherwise PGlite persisted in the data directory. */
export async function openDatabase(config: DatabaseConfig): Promise<Database> {
  if ('pglite' in config) return fromPGlite(config.pglite, 'memory', false, false);
  const counting = config.countStatements === true;
  if (config.databaseUrl) {
    const url = config.databaseUrl;
    const pg = new PrismaPg({ connectionString: url });
    const prisma = new PrismaClient({ adapter: counting ? countingAdapter(pg) : pg });
    return {
      kind: 'postgres',
      prisma,
      location: redact(url),
      migrate: () => migrateIfPending(prisma, () => wholeScripts(new PrismaPg({ connectionString: url }))),
      ping: () => ping(prisma),
      listen: (channel, handlers) => listenPostgres(url, channel, handlers),
      close: () => prisma.$disconnect(),
    };
  }
  const dir = path.resolve(config.dataDir);
  await mkdir(dir, { recursive: true });
  const { PGlite } = await import('@electric-sql/pglite');
  return fromPGlite(new PGlite(path.join(dir, 'pglite')), dir, true, counting);
}

// Imported on first use: a server on PostgreSQL never loads PGlite (≈ 10 MB resident).
async function fromPGlite(client: PGlite, location: string, ownsClient: boolean, counting: boolean): Promise<Database> {
  const { PrismaPGlite } = await import('pglite-prisma-adapter');
  const adapter = asFactory(new PrismaPGlite(client));
  const prisma = new PrismaClient({ adapter: counting ? countingAdapter(adapter) : adapter });
  return {
    kind: 'pglite',
    prisma,
    location,
    migrate: () => migrateIfPending(prisma, () => asFactory(new PrismaPGlite(client))),
    ping: () => ping(prisma),
    // One embedded connection: it hears its own notifications, after the writing transaction commits.
    listen: async (channel, handlers) => {
      const unlisten = await client.listen(channel, (payload) => handlers.onPayload(payload));
      return async () => {
        if (!client.closed) await unlisten();
      };
    },
    close: async () => {
      await prisma.$disconnect();
      if (ownsClient) await client.close();
    },
  };
}

/**
 * The pg adapter's executeScript splits a migration on `;`, which breaks dollar-quoted function bodies
 * (the audit trail's trigger). Migrations get an adapter that sends each script whole: PostgreSQL runs
 * a multi-statement simple query as one implicit transaction.
 */
function wholeScripts(factory: PrismaPg): SqlMigrationAwareDriverAdapterFactory {
  type Adapter = Awaited<ReturnType<PrismaPg['connect']>>;
  const wrap = (adapter: Adapter) =>
    new Proxy(adapter, {
      get(target, prop, receiver) {
        if (prop === 'executeScript') {
          return async (script: string) => {
            await target.underlyingDriver().query(script);
          };
        }
        const value: unknown = Reflect.get(target, prop, receiver);
        return typeof value === 'function' ? value.bind(target) : value;
      },
    });
  return asFactory({
    provider: factory.provider,
    adapterName: factory.adapterName,
    connect: async () => wrap(await factory.connect()),
    connectToShadowDb: async () => wrap(await factory.connectToShadowDb()),
  });
}

async function ping(prisma: PrismaClient): Promise<boolean> {
  try {
    await prisma.$queryRaw`SELECT 1`;
    return true;
  } catch {
    return false;
  }
}

/**
 * Applies pending migrations. Loading the schema engine costs a moment, so a database whose
 * `_prisma_migrations` already lists every committed migration as finished skips it.
 */
async function migrateIfPending(prisma: PrismaClient, factory: () => SqlMigrationAwareDriverAdapterFactory) {
  const onDisk = (await readMigrationList()).migrationDirectories.map((d) => d.path);
  const applied = await prisma
    .$queryRaw<{ migration_name: string }[]>`SELECT migration_name FROM _prisma_migrations WHERE finished_at IS NOT NULL AND rolled_back_at IS NULL`
    .then((rows) => new Set(rows.map((r) => r.migration_name)))
    .catch(() => new Set<string>());
  if (onDisk.every((name) => applied.has(name))) return [];
  return applyMigrations(factory());
}
