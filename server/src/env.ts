import { existsSync } from 'node:fs';
import { isIP } from 'node:net';
import path from 'node:path';
import { Cron } from 'croner';
import { z } from 'zod';

// Empty strings (as left by a copied .env.example) count as "not set".
const optional = <T extends z.ZodType>(schema: T) =>
  z.preprocess((v) => (v === '' ? undefined : v), schema.optional());

const isCronPattern = (pattern: string) => {
  try {
    new Cron(pattern, { paused: true }).stop();
    return true;
  } catch {
    return false;
  }
};

/** A cron pattern (5 or 6 fields, read in UTC), or `off`: null. */
const cronOrOff = z
  .string()
  .trim()
  .refine((v) => /^off$/i.test(v) || isCronPattern(v), 'must be a cron pattern such as "0 */6 * * *", or "off"')
  .transform((v) => (/^off$/i.test(v) ? null : v));

/** An IP address, or one in CIDR form (`10.0.0.0/8`, `fd00::/8`), with a prefix that fits its family. */
const isAddressOrCidr = (entry: string) => {
  const [address = '', prefix, extra] = entry.split('/');
  const family = isIP(address);
  if (!family || extra !== undefined) return false;
  if (prefix === undefined) return true;
  return /^\d{1,3}$/.test(prefix) && Number(prefix) <= (family === 4 ? 32 : 128);
};

/**
 * Which proxies in front of the console to believe about the client's address (X-Forwarded-For), as
 * Fastify's `trustProxy`: `off` (the default: the connection's own address is the client's), a hop
 * count (trust that many proxies nearest the server), or a comma-separated list of proxy addresses and
 * CIDR ranges. Trusting every sender (`true`) is not offered: anyone could then pick their address.
 */
const trustProxy = z
  .string()
  .trim()
  .transform((v, ctx): false | number | string[] => {
    if (/^(off|false|0)$/i.test(v)) return false;
    if (/^\d+$/.test(v)) {
      const hops = Number(v);
      if (hops <= 32) return hops;
      ctx.addIssue({ code: 'custom', message: 'a hop count must be between 1 and 32' });
      return z.NEVER;
    }
    const entries = v.split(',').map((e) => e.trim());
    const bad = entries.filter((e) => !isAddressOrCidr(e));
    if (bad.length) {
      ctx.addIssue({ code: 'custom', message: `must be off, a hop count, or a comma-separated list of IP addresses and CIDR ranges; not ${bad.map((b) => JSON.stringify(b)).join(', ')}` });
      return z.NEVER;
    }
    return entries;
  });
/** A comma-separated list; spaces around entries and empty entries are ignored. */
const list = <T extends z.ZodType<unknown, string>>(item: T) =>
  z
    .string()
    .transform((v) => v.split(',').map((e) => e.trim()).filter(Boolean))
    .pipe(z.array(item));

/** An origin a browser sends: scheme, host and an optional port, nothing after. */
const origin = z
  .string()
  .regex(/^https?:\/\/[^/?#\s]+\/?$/, 'each entry must be an origin such as https://console.example.com (no path)')
  .refine((v) => URL.canParse(v), 'each entry must be an origin such as https://console.example.com (no path)')
  .transform((v) => new URL(v).origin);

/** A host name or address, with an optional port: console.example.com, 10.0.0.5:3000, [::1]:3000. */
const hostName = z
  .string()
  .toLowerCase()
  .regex(/^([a-z0-9]([a-z0-9-]*[a-z0-9])?(\.[a-z0-9]([a-z0-9-]*[a-z0-9])?)*|\[[0-9a-f:.]+\])(:\d{1,5})?$/, 'each entry must be a host name with an optional port, such as console.example.com or 10.0.0.5:3000');

export const EnvSchema = z.object({
  NODE_ENV: optional(z.enum(['development', 'production', 'test'])).transform((v) => v ?? 'development'),
  PORT: optional(z.coerce.number().int().min(0).max(65535)).transform((v) => v ?? 3000),
  HOST: optional(z.string().min(1)).transform((v) => v ?? '127.0.0.1'),
  DATA_DIR: optional(z.string().min(1)).transform((v) => v ?? './data'),
  DATABASE_URL: optional(
    z.string().regex(/^postgres(ql)?:\/\/.+/, 'must be a postgres:// or postgresql:// connection URL'),
  ),
  LOG_LEVEL: optional(z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'])).transform(
    (v) => v ?? 'info',
  ),
  /** `pretty` (human-readable, what `pnpm dev` sets) or `json` lines. Unset: pretty on a terminal outside production. */
  LOG_FORMAT: optional(z.enum(['pretty', 'json'])),
  SEED_ON_EMPTY: optional(z.stringbool()).transform((v) => v ?? true),
  SHUTDOWN_TIMEOUT_MS: optional(z.coerce.number().int().min(0)).transform((v) => v ?? 10_000),
  /** Where people reach the console; https:// makes session cookies Secure. Defaults to http://HOST:PORT. */
  PUBLIC_URL: optional(z.url({ protocol: /^https?$/ })),
  /** Further origins whose pages may send writes (comma-separated), besides PUBLIC_URL's. */
  ALLOWED_ORIGINS: optional(list(origin)).transform((v) => v ?? []),
  /** Further Host names the console answers (comma-separated), besides PUBLIC_URL's; others get 421. */
  ALLOWED_HOSTS: optional(list(hostName)).transform((v) => v ?? []),
  /** Signs session cookies. Unset: one is generated on first start and kept in the database. */
  AUTH_SECRET: optional(z.string().min(32, 'must be at least 32 characters')),
  SESSION_IDLE_DAYS: optional(z.coerce.number().int().min(1).max(90)).transform((v) => v ?? 7),
  /** With ADMIN_PASSWORD: create this admin on a database with no users (unattended first run). */
  ADMIN_EMAIL: optional(z.email()),
  ADMIN_PASSWORD: optional(z.string().min(12, 'must be at least 12 characters')),
  ADMIN_NAME: optional(z.string().min(1)).transform((v) => v ?? 'Admin'),
  /** Demo mode: a throw-away database with sample data and one user per role. Never on by default. */
  DEMO: optional(z.stringbool()).transform((v) => v ?? false),
  /** When evidence links are re-checked (UTC); `off` turns the schedule off (checks on demand still run). */
  LINK_CHECK_CRON: optional(cronOrOff).transform((v) => (v === undefined ? '0 */6 * * *' : v)),
  /** When the audit trail's hash chain is verified, incrementally (UTC cron); `off`: only by `pnpm audit:verify`. */
  AUDIT_VERIFY_CRON: optional(cronOrOff).transform((v) => (v === undefined ? '30 3 * * *' : v)),
  /** Let the link checker reach private, loopback and link-local addresses (an intranet); off, it refuses them. */
  LINK_CHECK_ALLOW_PRIVATE: optional(z.stringbool()).transform((v) => v ?? false),
  LINK_CHECK_TIMEOUT_MS: optional(z.coerce.number().int().min(100).max(120_000)).transform((v) => v ?? 10_000),
  LINK_CHECK_CONCURRENCY: optional(z.coerce.number().int().min(1).max(32)).transform((v) => v ?? 4),
  /** Email notifications: smtp://user:pass@host:587 or smtps://…:465. Unset: email is off (in-app only). */
  SMTP_URL: optional(z.url({ protocol: /^smtps?$/, error: 'must be an smtp:// or smtps:// URL, e.g. smtp://user:pass@mail.example.com:587' })),
  /** The From of notification emails: an address, or `Name <address>`. */
  MAIL_FROM: optional(
    z.string().trim().refine((v) => /^[^<>@\s]+@[^<>@\s]+\.[^<>@\s]+$/.test(v) || /^[^<>]*<[^<>@\s]+@[^<>@\s]+\.[^<>@\s]+>$/.test(v), 'must be an email address or "Name <address>"'),
  ),
  /** Requests one API token may make per minute (REST, MCP, metrics push); more get 429 until the minute turns. */
  API_TOKEN_RATE_LIMIT: optional(z.coerce.number().int().min(1).max(1_000_000)).transform((v) => v ?? 600),
  /** For `pnpm bench`: count each request's SQL statements and return them as `x-sql-statements`. */
  SQL_STATEMENT_HEADER: optional(z.stringbool()).transform((v) => v ?? false),
  /** Behind a reverse proxy: which proxies' X-Forwarded-For to believe (Fastify's trustProxy); off by default. */
  TRUST_PROXY: optional(trustProxy).transform((v) => v ?? false),
});

export type Env = z.infer<typeof EnvSchema>;

/** The URL people use to reach the console. */
export function publicUrl(env: Env): string {
  if (env.PUBLIC_URL) return env.PUBLIC_URL.replace(/\/$/, '');
  const host = env.HOST === '0.0.0.0' || env.HOST === '::' ? 'localhost' : env.HOST;
  return `http://${host}:${env.PORT}`;
}

/**
 * Where relative paths given on the command line or in the environment are read from: the directory the
 * command was typed in. pnpm runs a package's script inside the package (`server/`) and says where it was
 * called from in INIT_CWD, so `pnpm dev` and `pnpm start` typed at the top both keep data in `./data`.
 */
export function invocationDir(source: Record<string, string | undefined> = process.env): string {
  return source.INIT_CWD || process.cwd();
}

/**
 * Reads `.env` from the directory the command was typed in, when there is one. Variables already in the
 * environment win over the file (Node's own parser, `process.loadEnvFile`, never overwrites them).
 */
export function loadDotEnv(dir = invocationDir()): string | null {
  const file = path.join(dir, '.env');
  if (!existsSync(file)) return null;
  try {
    process.loadEnvFile(file);
  } catch (err) {
    throw new ConfigError(`Invalid configuration:\n  ${file}: ${(err as Error).message}`);
  }
  return file;
}

/** Bound to a loopback address: loopback names (localhost, 127.0.0.1, [::1]) are answered too. */
export function boundToLoopback(env: Env): boolean {
  return env.HOST === 'localhost' || env.HOST === '::1' || /^127\./.test(env.HOST);
}

export class ConfigError extends Error {
  override name = 'ConfigError';
}

/** Parses configuration; a bad value throws a ConfigError naming every offending variable. */
export function loadEnv(source: Record<string, string | undefined> = process.env): Env {
  const result = EnvSchema.safeParse(source);
  if (result.success) {
    if (Boolean(result.data.ADMIN_EMAIL) !== Boolean(result.data.ADMIN_PASSWORD)) {
      throw new ConfigError('Invalid configuration:\n  ADMIN_EMAIL and ADMIN_PASSWORD: set both or neither');
    }
    if (Boolean(result.data.SMTP_URL) !== Boolean(result.data.MAIL_FROM)) {
      throw new ConfigError('Invalid configuration:\n  SMTP_URL and MAIL_FROM: set both or neither');
    }
    // Demo links are made up: checking them on a schedule would only mark them broken.
    if (result.data.DEMO && !source.LINK_CHECK_CRON) return { ...result.data, LINK_CHECK_CRON: null };
    return result.data;
  }
  const lines = result.error.issues.map((issue) => `  ${issue.path.join('.')}: ${issue.message}`);
  throw new ConfigError(`Invalid configuration:\n${lines.join('\n')}`);
}
