import pino from 'pino';
import { buildApp } from './app.js';
import { systemToday } from './context.js';
import { openDatabase } from './db/database.js';
import { ConfigError, loadEnv, type Env } from './env.js';
import { seedIfEmpty } from './modules/seed/seed.service.js';

async function main(env: Env) {
  const logger = pino({
    level: env.LOG_LEVEL,
    ...(process.stdout.isTTY && env.NODE_ENV !== 'production' ? { transport: { target: 'pino-pretty' } } : {}),
  });
  const db = await openDatabase({ databaseUrl: env.DATABASE_URL, dataDir: env.DATA_DIR });
  logger.info({ kind: db.kind, location: db.location }, 'database opened');
  const applied = await db.migrate();
  if (applied.length) logger.info({ applied }, 'migrations applied');
  if (env.SEED_ON_EMPTY && (await seedIfEmpty(db.prisma)).seeded) logger.info('seeded the launch plan into the empty database');

  const app = await buildApp({ db, today: systemToday }, { logger });
  await app.listen({ port: env.PORT, host: env.HOST });
  const address = app.server.address();
  const port = typeof address === 'object' && address ? address.port : env.PORT;
  const shownHost = env.HOST === '0.0.0.0' || env.HOST === '::' ? 'localhost' : env.HOST;
  logger.info(`Aionis GTM console ready at http://${shownHost}:${port}`);

  let closing = false;
  const shutdown = async (signal: string) => {
    if (closing) return;
    closing = true;
    logger.info({ signal }, 'shutting down: no new connections, finishing requests in flight');
    const timer = setTimeout(() => {
      logger.error('shutdown took too long; exiting');
      process.exit(1);
    }, env.SHUTDOWN_TIMEOUT_MS);
    timer.unref();
    try {
      await app.close(); // stops accepting and waits for in-flight requests
      await db.close();
      logger.info('bye');
      process.exit(0);
    } catch (err) {
      logger.error({ err }, 'shutdown failed');
      process.exit(1);
    }
  };
  process.on('SIGTERM', () => void shutdown('SIGTERM'));
  process.on('SIGINT', () => void shutdown('SIGINT'));
}

let env: Env;
try {
  env = loadEnv();
} catch (err) {
  if (err instanceof ConfigError) {
    console.error(err.message);
    process.exit(1);
  }
  throw err;
}
main(env).catch((err: unknown) => {
  console.error('Failed to start:', err);
  process.exit(1);
});
