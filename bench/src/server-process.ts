// The built server (server/dist/main.js) as a child process on a database of its own: a fresh
// PostgreSQL database created for it and dropped afterwards, or a temporary PGlite data directory —
// or on a database prepared beforehand (the benchmark's generated data), which it leaves in place.
// It starts with an admin from ADMIN_EMAIL/ADMIN_PASSWORD and the launch plan seeded, as an unattended
// install would. The one server starter of the load, benchmark and web scripts.
import { spawn } from 'node:child_process';
import { createWriteStream, existsSync, readFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { builtServer, repoRoot } from './checkout.js';

export type DatabaseKind = 'postgres' | 'pglite';

/** Where throwaway PostgreSQL databases are created: LOAD_DATABASE_URL, TEST_DATABASE_URL, or local trust auth. */
export const defaultAdminUrl = () =>
  process.env.LOAD_DATABASE_URL || process.env.TEST_DATABASE_URL || 'postgresql://postgres@127.0.0.1:5432/postgres';

/** A database that already holds what the server should serve; it is neither created nor removed. */
export type ExistingDatabase = { databaseUrl: string } | { dataDir: string };

export interface StartServerOptions {
  database: DatabaseKind;
  /** Serve this database instead of a fresh one (its kind must match `database`). */
  existing?: ExistingDatabase;
  /** A PostgreSQL URL whose server gets the throwaway database (default: defaultAdminUrl()). */
  adminUrl?: string;
  /** Name prefix of the database or data directory (default `aionis_run`). */
  name?: string;
  /** The first admin, created at start (default: a generated one). */
  admin?: { email: string; password: string };
  /** Extra environment for the server (LOG_LEVEL, LINK_CHECK_*, …). */
  env?: Record<string, string>;
  /** How long to wait for /healthz (default 120 s: the first start migrates). */
  readyTimeoutMs?: number;
  /** Also append the server's whole output to this file. */
  logFile?: string;
  /** Node flags for the server (`--trace-gc`, `--max-old-space-size=…`). */
  nodeArgs?: string[];
  /** Called with each line the server writes (stdout and stderr). */
  onLine?: (line: string) => void;
}

export interface ServerProcess {
  url: string;
  pid: number;
  database: DatabaseKind;
  /** The database name (PostgreSQL) or data directory (PGlite). */
  location: string;
  admin: { email: string; password: string };
  /** Settles when the process exits, with its exit code or signal. */
  exited: Promise<number | NodeJS.Signals | null>;
  /** True once the process has exited. */
  hasExited(): boolean;
  /** The resident set size in bytes (VmRSS from /proc), or null when unreadable (exited, not Linux). */
  rss(): number | null;
  /** The last 64 KB of the server's stdout and stderr. */
  output(): string;
  signIn(email: string, password: string): Promise<ApiSession>;
  /** SIGTERM (SIGKILL after 15 s), then drops the database or removes the data directory (not an existing one). */
  stop(): Promise<void>;
}

/** The VmRSS of a process in bytes, or null. */
export function readRss(pid: number): number | null {
  try {
    const match = /^VmRSS:\s+(\d+)\s+kB/m.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return match ? Number(match[1]) * 1024 : null;
  } catch {
    return null;
  }
}

export function withDatabase(url: string, database: string): string {
  const u = new URL(url);
  u.pathname = `/${database}`;
  return u.toString();
}

/** Runs one statement (CREATE/DROP DATABASE) on its own connection to `url`. */
export async function adminQuery(url: string, sql: string): Promise<void> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = net.createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const address = probe.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      probe.close(() => resolve(port));
    });
  });
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

export async function startServer(options: StartServerOptions): Promise<ServerProcess> {
  if (!existsSync(builtServer)) throw new Error(`${path.relative(repoRoot, builtServer)} is missing: run \`pnpm build\` first`);
  const name = `${options.name ?? 'aionis_run'}_${process.pid}_${Math.random().toString(36).slice(2, 8)}`;
  const admin = options.admin ?? { email: 'run-admin@example.test', password: `run-admin-${Math.random().toString(36).slice(2)}` };
  const adminUrl = options.adminUrl ?? defaultAdminUrl();

  let location: string;
  let cleanup: () => Promise<void>;
  const dbEnv: Record<string, string> = {};
  if (options.existing) {
    const existing = options.existing;
    if ('databaseUrl' in existing !== (options.database === 'postgres')) throw new Error(`the existing database is not ${options.database}`);
    location = 'databaseUrl' in existing ? new URL(existing.databaseUrl).pathname.slice(1) : existing.dataDir;
    Object.assign(dbEnv, 'databaseUrl' in existing ? { DATABASE_URL: existing.databaseUrl } : { DATA_DIR: existing.dataDir, DATABASE_URL: '' });
    cleanup = async () => {};
  } else if (options.database === 'postgres') {
    location = name;
    await adminQuery(adminUrl, `CREATE DATABASE ${name}`);
    dbEnv.DATABASE_URL = withDatabase(adminUrl, name);
    cleanup = () => adminQuery(adminUrl, `DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
  } else {
    location = await mkdtemp(path.join(os.tmpdir(), `${name}-`));
    dbEnv.DATA_DIR = location;
    dbEnv.DATABASE_URL = '';
    cleanup = () => rm(location, { recursive: true, force: true });
  }

  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  const child = spawn(process.execPath, [...(options.nodeArgs ?? []), builtServer], {
    cwd: repoRoot,
    stdio: ['ignore', 'pipe', 'pipe'],
    env: {
      ...process.env,
      NODE_ENV: 'production',
      LOG_LEVEL: 'info',
      TEST_DATABASE_URL: '',
      HOST: '127.0.0.1',
      PORT: String(port),
      PUBLIC_URL: url,
      AUTH_SECRET: 'server-process-secret-0123456789abcdef0123',
      ADMIN_EMAIL: admin.email,
      ADMIN_PASSWORD: admin.password,
      DEMO: 'false',
      ...dbEnv,
      ...options.env,
    },
  });
  let tail = '';
  const keep = (chunk: Buffer) => {
    tail = (tail + chunk.toString()).slice(-65_536);
  };
  child.stdout.on('data', keep);
  child.stderr.on('data', keep);
  if (options.onLine) {
    const onLine = options.onLine;
    for (const stream of [child.stdout, child.stderr]) {
      let partial = '';
      stream.on('data', (chunk: Buffer) => {
        const lines = (partial + chunk.toString()).split('\n');
        partial = lines.pop()!;
        for (const line of lines) onLine(line);
      });
    }
  }
  if (options.logFile) {
    const log = createWriteStream(options.logFile, { flags: 'a' });
    child.stdout.pipe(log);
    child.stderr.pipe(log);
  }
  let done = false;
  const exited = new Promise<number | NodeJS.Signals | null>((resolve) =>
    child.on('exit', (code, signal) => {
      done = true;
      resolve(signal ?? code);
    }),
  );

  let stopped: Promise<void> | null = null;
  const stop = () =>
    (stopped ??= (async () => {
      if (!done) {
        child.kill('SIGTERM');
        const timer = setTimeout(() => child.kill('SIGKILL'), 15_000);
        await exited;
        clearTimeout(timer);
      }
      await cleanup();
    })());

  try {
    const deadline = Date.now() + (options.readyTimeoutMs ?? 120_000);
    for (;;) {
      if (done) throw new Error(`the server exited before it was ready:\n${tail}`);
      if (Date.now() > deadline) throw new Error(`the server did not answer /healthz in time:\n${tail}`);
      const healthy = await fetch(`${url}/healthz`).then(
        (res) => res.status === 200,
        () => false,
      );
      if (healthy) break;
      await sleep(200);
    }
  } catch (error) {
    await stop();
    throw error;
  }

  return {
    url,
    pid: child.pid!,
    database: options.database,
    location,
    admin,
    exited,
    hasExited: () => done,
    rss: () => (done ? null : readRss(child.pid!)),
    output: () => tail,
    signIn: (email, password) => ApiSession.signIn(url, email, password),
    stop,
  };
}

export class ApiError extends Error {
  constructor(
    readonly procedure: string,
    readonly status: number,
    readonly body: string,
  ) {
    super(`${procedure} answered ${status}: ${body.slice(0, 500)}`);
  }
}

/** A signed-in user of the tRPC HTTP API, as the web calls it (GET for queries, POST + Origin for mutations). */
export class ApiSession {
  private constructor(
    readonly url: string,
    /** The `Cookie` header value carrying the session. */
    readonly cookie: string,
  ) {}

  static async signIn(url: string, email: string, password: string): Promise<ApiSession> {
    const res = await fetch(`${url}/api/auth/sign-in/email`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', origin: url },
      body: JSON.stringify({ email, password }),
    });
    if (res.status !== 200) throw new ApiError(`sign-in as ${email}`, res.status, await res.text());
    const cookie = res.headers
      .getSetCookie()
      .map((c) => c.split(';')[0])
      .join('; ');
    return new ApiSession(url, cookie);
  }

  /** Headers for a request in this session; `mutation` adds the Origin and the JSON body type. */
  headers(mutation = false): Record<string, string> {
    return mutation ? { cookie: this.cookie, origin: this.url, 'content-type': 'application/json' } : { cookie: this.cookie };
  }

  /** A GET of `urlPath` in this session, the answer as it came (for its status, headers and size). */
  get(urlPath: string): Promise<Response> {
    return fetch(`${this.url}${urlPath}`, { headers: this.headers() });
  }

  async query<T>(procedure: string, input?: unknown): Promise<T> {
    return unwrap<T>(procedure, await this.get(queryPath(procedure, input)));
  }

  async mutate<T>(procedure: string, input?: unknown): Promise<T> {
    const res = await fetch(`${this.url}/trpc/${procedure}`, {
      method: 'POST',
      headers: this.headers(true),
      // tRPC reads a JSON body; a procedure without input gets an empty object, as the web's client sends.
      body: JSON.stringify(input ?? {}),
    });
    return unwrap<T>(procedure, res);
  }
}

/** The path of a tRPC query, its input JSON in the query string. */
export function queryPath(procedure: string, input?: unknown): string {
  return input === undefined ? `/trpc/${procedure}` : `/trpc/${procedure}?input=${encodeURIComponent(JSON.stringify(input))}`;
}

async function unwrap<T>(procedure: string, res: Response): Promise<T> {
  const text = await res.text();
  if (res.status !== 200) throw new ApiError(procedure, res.status, text);
  return (JSON.parse(text) as { result: { data: T } }).result.data;
}
