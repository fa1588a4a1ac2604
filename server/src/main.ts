import { mkdtemp, rm } from 'node:fs/promises';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import pino from 'pino';
import { buildApp } from './app.js';
import { createAuth } from './auth/auth.js';
import { systemToday } from './context.js';
import { openDatabase } from './db/database.js';
import { boundToLoopback, ConfigError, invocationDir, loadDotEnv, loadEnv, publicUrl, type Env } from './env.js';
import { DomainError } from './lib/errors.js';
import { startAuditVerifySchedule } from './modules/audit/audit-chain.service.js';
import { startLinkCheckSchedule } from './modules/evidence/jobs.service.js';
import { emailChannel, smtpTransport, unsubscribeSecret, type MailConfig } from './modules/notifications/email.service.js';
import { inAppChannel, notificationExpander } from './modules/notifications/notifications.service.js';
import { OutboxDispatcher } from './modules/outbox/outbox.service.js';
import { ChangeFeed } from './modules/live/live.service.js';
import { demoAccounts } from './demo/demo-accounts.js';
import { seedDemo } from './demo/demo-data.js';
import { seedIfEmpty } from './modules/seed/seed.service.js';
import { createFirstAdmin, setupState } from './modules/users/users.service.js';

/** Log lines held in memory while stdout is not being read; past this, new lines are dropped. */
const MAX_BUFFERED_LOG = 16 * 1024 * 1024;

/**
 * The logger, and how to exit without waiting forever on it. A terminal in development gets
 * pino-pretty. Otherwise JSON lines go to stdout through pino's buffered, asynchronous destination
 * (its default), so a slow reader of the log never holds up requests. At exit pino writes out what is
 * still buffered, synchronously, retrying for as long as the pipe is full: when nothing reads stdout,
 * that never ends and the process outlives SIGTERM and its own shutdown timeout. So `exit` flushes
 * itself, retrying only until `flushBy`, and drops what the reader has not taken by then.
 */
function createLogger(env: Env) {
  const pretty = env.LOG_FORMAT ? env.LOG_FORMAT === 'pretty' : process.stdout.isTTY && env.NODE_ENV !== 'production';
  if (pretty) {
    const logger = pino({ level: env.LOG_LEVEL, transport: { target: 'pino-pretty' } });
    return { logger, exit: (code: number, _flushBy: number): never => process.exit(code) };
  }
  let flushBy = Infinity;
  const stdout = pino.destination({ dest: 1, sync: false, maxLength: MAX_BUFFERED_LOG, retryEAGAIN: () => Date.now() < flushBy });
  const logger = pino({ level: env.LOG_LEVEL }, stdout);
  const exit = (code: number, by: number): never => {
    flushBy = by;
    try {
      stdout.flushSync();
    } catch {
      stdout.destroy(); // discards the rest, so pino's own flush at exit has nothing left to wait on
    }
    return process.exit(code);
  };
  return { logger, exit };
}

/** A port free on this host now: PORT=0 resolved before start, so the public URL names the real port. */
async function freePort(host: string): Promise<number> {
  const probe = net.createServer();
  await new Promise<void>((resolve, reject) => probe.once('error', reject).listen(0, host, resolve));
  const { port } = probe.address() as net.AddressInfo;
  await new Promise((resolve) => probe.close(resolve));
  return port;
}

async function main(given: Env, envFile: string | null) {
  // The default PUBLIC_URL, the allowed Origin and Host, all name the port: PORT=0 picks one first.
  const env = given.PORT === 0 ? { ...given, PORT: await freePort(given.HOST) } : given;
  const { logger, exit } = createLogger(env);
  if (envFile) logger.info({ file: envFile }, 'read settings from .env (variables set in the environment win)');
  if (env.DEMO && env.DATABASE_URL) throw new ConfigError('Invalid configuration:\n  DEMO: demo mode uses a throw-away embedded database; unset DATABASE_URL');
  // Demo data never touches a real data directory.
  const demoDir = env.DEMO ? await mkdtemp(path.join(os.tmpdir(), 'aionis-demo-')) : null;
  const db = await openDatabase({ databaseUrl: env.DATABASE_URL, dataDir: demoDir ?? path.resolve(invocationDir(), env.DATA_DIR), countStatements: env.SQL_STATEMENT_HEADER });
  logger.info({ kind: db.kind, location: db.location, demo: env.DEMO }, 'database opened');
  const applied = await db.migrate();
  if (applied.length) logger.info({ applied }, 'migrations applied');

  const url = publicUrl(env);
  const auth = await createAuth(db.prisma, { publicUrl: url, secret: env.AUTH_SECRET, sessionIdleDays: env.SESSION_IDLE_DAYS, trustedOrigins: env.ALLOWED_ORIGINS });
  const today = systemToday;

  if (env.DEMO) {
    await seedDemo(db.prisma, auth, today());
    logger.warn('DEMO MODE: sample data and demo accounts in a throw-away database; nothing is kept');
  } else {
    if (env.SEED_ON_EMPTY && (await seedIfEmpty(db.prisma)).seeded) logger.info('seeded the launch plan into the empty database');
    if (env.ADMIN_EMAIL && env.ADMIN_PASSWORD && (await setupState(db.prisma)).needsFirstAdmin) {
      try {
        await createFirstAdmin(db.prisma, auth, { name: env.ADMIN_NAME, email: env.ADMIN_EMAIL.toLowerCase(), password: env.ADMIN_PASSWORD }, 'startup');
        logger.info({ email: env.ADMIN_EMAIL }, 'created the first admin from ADMIN_EMAIL');
      } catch (error) {
        // Another server on this database, starting at the same moment, created it first.
        if (!(error instanceof DomainError && error.code === 'CONFLICT')) throw error;
        logger.info('the first admin was created meanwhile by another server');
      }
    }
  }

  const linkCheck = { allowPrivate: env.LINK_CHECK_ALLOW_PRIVATE, timeoutMs: env.LINK_CHECK_TIMEOUT_MS, concurrency: env.LINK_CHECK_CONCURRENCY, checkOnSave: true };
  const changes = await ChangeFeed.open(db, logger.child({ module: 'live' }));
  const mail: MailConfig | undefined =
    env.SMTP_URL && env.MAIL_FROM ? { transport: smtpTransport(env.SMTP_URL), from: env.MAIL_FROM, publicUrl: url, secret: await unsubscribeSecret(db.prisma) } : undefined;
  const app = await buildApp({ db, auth, today, demoAccounts: env.DEMO ? demoAccounts : undefined, linkCheck, changes, ...(mail && { mail }) }, {
    logger,
    publicUrl: url,
    countStatements: env.SQL_STATEMENT_HEADER,
    allowedOrigins: env.ALLOWED_ORIGINS,
    allowedHosts: env.ALLOWED_HOSTS,
    allowLoopbackHosts: boundToLoopback(env),
    trustProxy: env.TRUST_PROXY,
    tokenRateLimit: env.API_TOKEN_RATE_LIMIT,
  });
  await app.listen({ port: env.PORT, host: env.HOST });
  const address = app.server.address();
  const port = typeof address === 'object' && address ? address.port : env.PORT;
  const shownHost = env.HOST === '0.0.0.0' || env.HOST === '::' ? 'localhost' : env.HOST;
  logger.info(`Aionis GTM console ready at http://${shownHost}:${port}`);

  const linkCheckSchedule = env.LINK_CHECK_CRON
    ? startLinkCheckSchedule(db.prisma, { cron: env.LINK_CHECK_CRON, config: linkCheck, today, logger })
    : null;
  if (linkCheckSchedule) logger.info({ cron: env.LINK_CHECK_CRON, nextRun: linkCheckSchedule.nextRun() }, 'evidence link checks scheduled (UTC)');
  else logger.info('evidence link checks: schedule off (LINK_CHECK_CRON=off)');

  const auditVerifySchedule = env.AUDIT_VERIFY_CRON ? startAuditVerifySchedule(db.prisma, { cron: env.AUDIT_VERIFY_CRON, logger }) : null;
  if (auditVerifySchedule) logger.info({ cron: env.AUDIT_VERIFY_CRON, nextRun: auditVerifySchedule.nextRun() }, 'audit chain verification scheduled (UTC)');

  // Notifications and other side effects of committed changes (decision 029); one process delivers.
  const outbox = new OutboxDispatcher(db.prisma, {
    channels: mail ? [inAppChannel, emailChannel(db.prisma, mail)] : [inAppChannel],
    expand: notificationExpander(mail ? ['inapp', 'email'] : ['inapp']),
    logger: logger.child({ module: 'outbox' }),
  });
  outbox.start();
  logger.info(mail ? { smtp: new URL(env.SMTP_URL!).host, from: env.MAIL_FROM } : {}, mail ? 'email notifications on' : 'email notifications off (SMTP_URL unset)');

  let closing = false;
  const shutdown = async (signal: string) => {
    if (closing) return;
    closing = true;
    const deadline = Date.now() + env.SHUTDOWN_TIMEOUT_MS;
    logger.info({ signal }, 'shutting down: no new connections, finishing requests in flight');
    const timer = setTimeout(() => {
      logger.error('shutdown took too long; exiting');
      exit(1, deadline);
    }, env.SHUTDOWN_TIMEOUT_MS);
    timer.unref();
    try {
      await linkCheckSchedule?.stop(); // aborts a run in progress; its unwritten checks are dropped
      await auditVerifySchedule?.stop();
      await outbox.stop(); // aborts sends in flight: they stay claimed until their lock runs out, then are retried
      await changes.close(); // ends the live-update streams, which would otherwise hold app.close() open
      await app.close(); // stops accepting and waits for in-flight requests
      await db.close();
      if (demoDir) await rm(demoDir, { recursive: true, force: true });
      logger.info('bye');
      exit(0, deadline);
    } catch (err) {
      logger.error({ err }, 'shutdown failed');
      exit(1, deadline);
    }
  };
  process.on('SIGTERM', () => void shutdown('SIGTERM'));
  process.on('SIGINT', () => void shutdown('SIGINT'));
}

function fail(err: unknown): never {
  if (err instanceof ConfigError) console.error(err.message);
  else console.error('Failed to start:', err);
  process.exit(1);
}

let env: Env;
let envFile: string | null;
try {
  envFile = loadDotEnv();
  env = loadEnv();
} catch (err) {
  fail(err);
}
main(env, envFile).catch(fail);
