// The floor: each endpoint's data fetched with hand-written SQL through the driver, in the bench process,
// at the same concurrency and for the same time as the HTTP load, so endpoint p50 / floor p50 is the cost
// of everything the app adds (HTTP, session, tRPC, Prisma, JSON, the rules).
import { createRequire } from 'node:module';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import pg from 'pg';
import type { Endpoint, FloorClient, FloorContext } from './endpoints.js';
import { repoRoot } from './checkout.js';

export interface FloorDb {
  /** Runs one "request" on one connection. */
  run<T>(fn: (db: FloorClient) => Promise<T>): Promise<T>;
  close(): Promise<void>;
}

export interface Latency {
  p50: number;
  p99: number;
  rps: number;
  requests: number;
}

export async function openFloorDb(target: { databaseUrl: string } | { dataDir: string }, connections: number): Promise<FloorDb> {
  if ('databaseUrl' in target) {
    const pool = new pg.Pool({ connectionString: target.databaseUrl, max: connections });
    // pool.end() resolves once it has asked each connection to close, not once PostgreSQL has seen them go;
    // the DROP DATABASE … WITH (FORCE) that follows may then terminate one mid-goodbye (57P01). That is
    // expected after close; any other error while the floor runs still fails the run through its query.
    let closed = false;
    pool.on('error', (error) => {
      if (!closed) throw error;
    });
    return {
      async run(fn) {
        const client = await pool.connect();
        try {
          return await fn({ query: async (sql, params) => (await client.query(sql, params)).rows });
        } finally {
          client.release();
        }
      },
      close: () => {
        closed = true;
        return pool.end();
      },
    };
  }
  // PGlite is one in-process connection, as in the server: concurrent "requests" queue on it. It is the
  // server's own copy of @electric-sql/pglite, opened on the data directory once the server has stopped.
  const require = createRequire(path.join(repoRoot, 'server/package.json'));
  const mod = (await import(pathToFileURL(require.resolve('@electric-sql/pglite')).href)) as {
    PGlite: new (dir: string) => { query(sql: string, params?: unknown[]): Promise<{ rows: unknown[] }>; close(): Promise<void> };
  };
  const db = new mod.PGlite(path.join(target.dataDir, 'pglite'));
  const client: FloorClient = { query: async <T>(sql: string, params?: unknown[]) => (await db.query(sql, params)).rows as T[] };
  return { run: (fn) => fn(client), close: () => db.close() };
}

function percentile(sorted: number[], p: number) {
  if (sorted.length === 0) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
}

/** `connections` loops running the floor back to back for `seconds`, after a warm-up. */
export async function measureFloor(endpoint: Endpoint, db: FloorDb, ctx: FloorContext, opts: { connections: number; seconds: number; warmupSeconds: number }): Promise<Latency> {
  const loop = async (until: number, samples: number[] | null) => {
    while (performance.now() < until) {
      const t0 = performance.now();
      await db.run((c) => endpoint.floor(c, ctx));
      samples?.push(performance.now() - t0);
    }
  };
  const warmEnd = performance.now() + opts.warmupSeconds * 1000;
  await Promise.all(Array.from({ length: opts.connections }, () => loop(warmEnd, null)));
  const samples: number[] = [];
  const start = performance.now();
  const end = start + opts.seconds * 1000;
  await Promise.all(Array.from({ length: opts.connections }, () => loop(end, samples)));
  const elapsed = (performance.now() - start) / 1000;
  samples.sort((a, b) => a - b);
  return { p50: percentile(samples, 50), p99: percentile(samples, 99), rps: samples.length / elapsed, requests: samples.length };
}
