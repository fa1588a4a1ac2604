// pnpm bench [--quick] — the performance figures of issue 7 (see docs/benchmarks.md for the method).
//
// For each database (PostgreSQL, PGlite) and scale: generate the data into a fresh database, start the
// built server on it, load each page's endpoint over HTTP with autocannon, then run the same data's
// hand-written SQL (the floor) at the same concurrency. Prints a table and writes bench/results.json
// (quick mode: bench/results.quick.json, gitignored); exits non-zero when an endpoint did not answer
// 200 every time or a figure is missing.
import { existsSync } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import autocannon from 'autocannon';
import { buildIfStale, builtWeb, gitCommit, repoRoot } from './checkout.js';
import { endpoints, trpcPath, type Endpoint } from './endpoints.js';
import { measureFloor, openFloorDb, type Latency } from './floors.js';
import { ADMIN, generate, type Generated } from './generate.js';
import { adminQuery, startServer, withDatabase, type ApiSession, type DatabaseKind, type ExistingDatabase, type ServerProcess } from './server-process.js';
import { measureBundle, measureLighthouse } from './web.js';

const { values: args } = parseArgs({
  // `pnpm bench -- --quick` hands the `--` on; dropped, so the options after it are not taken for positionals.
  args: process.argv.slice(2).filter((arg) => arg !== '--'),
  options: {
    quick: { type: 'boolean', default: false },
    scales: { type: 'string' },
    'pglite-scales': { type: 'string' },
    db: { type: 'string' },
    seconds: { type: 'string' },
    warmup: { type: 'string' },
    connections: { type: 'string' },
    'pg-url': { type: 'string', default: process.env.BENCH_PG_URL ?? 'postgresql://postgres@127.0.0.1:5432/postgres' },
    'no-web': { type: 'boolean', default: false },
    'no-build': { type: 'boolean', default: false },
    out: { type: 'string' },
  },
});

const quick = args.quick;
const num = (s: string) => s.split(',').map(Number).filter((n) => n > 0);
const scales = num(args.scales ?? (quick ? '0.05' : '1,10'));
// PGlite at 10× takes a long time to generate and to serve (one connection); by default it runs 1× only.
const pgliteScales = num(args['pglite-scales'] ?? (quick ? '0.05' : '1'));
const dbs = (args.db ?? (quick ? 'pglite' : 'postgres,pglite')).split(',') as DatabaseKind[];
const seconds = Number(args.seconds ?? (quick ? 1 : 10));
const warmup = Number(args.warmup ?? (quick ? 0 : 3));
// PGlite serves one query at a time: 16 connections would queue a request for seconds, longer than
// quick mode's run, so it loads each endpoint with a few connections and a fixed number of requests.
const connections = Number(args.connections ?? (quick ? 2 : 16));
const quickRequests = 8;
const withWeb = !args['no-web'];
// Quick mode is CI's smoke run: its figures go to a gitignored file, never over the full run's results.json.
const out = path.resolve(args.out ?? path.join(repoRoot, 'bench', quick ? 'results.quick.json' : 'results.json'));
const chromePath = process.env.CHROME_PATH ?? '/usr/bin/chromium';
if (!dbs.every((db) => db === 'postgres' || db === 'pglite') || !(seconds > 0) || !(warmup >= 0) || !(connections > 0)) {
  console.error('usage: pnpm bench [--quick] [--db postgres,pglite] [--scales 1,10] [--pglite-scales 1] [--seconds s] [--warmup s] [--connections n] [--pg-url url] [--no-web] [--no-build] [--out file]');
  process.exit(2);
}

interface EndpointResult {
  endpoint: string;
  path: string;
  db: DatabaseKind;
  scale: number;
  statements: number | null;
  responseBytes: number;
  http: Latency & { non2xx: number; errors: number };
  floor: Latency;
  /** endpoint p50 / floor p50 */
  ratio: number;
}

interface RunResult {
  db: DatabaseKind;
  scale: number;
  generation: Generated;
  rssMb: number | null;
  endpoints: EndpointResult[];
}

const log = (line: string) => console.log(line);

async function httpLoad(server: ServerProcess, session: ApiSession, urlPath: string) {
  const options = { url: server.url + urlPath, connections, headers: session.headers(), timeout: 60 };
  if (warmup > 0) await autocannon({ ...options, duration: warmup });
  const r = await autocannon(quick ? { ...options, amount: quickRequests } : { ...options, duration: seconds });
  return { p50: r.latency.p50, p99: r.latency.p99, rps: r.requests.average, requests: r.requests.total, non2xx: r.non2xx, errors: r.errors + r.timeouts };
}

async function once(session: ApiSession, urlPath: string) {
  const res = await session.get(urlPath);
  const body = await res.text();
  if (res.status !== 200) throw new Error(`${urlPath}: ${res.status} ${body.slice(0, 300)}`);
  const statements = res.headers.get('x-sql-statements');
  return { statements: statements === null ? null : Number(statements), bytes: Buffer.byteLength(body) };
}

/** A fresh, empty database for the generator: PostgreSQL `aionis_bench_<scale>` or a temporary PGlite data directory. */
async function freshDatabase(kind: DatabaseKind, scale: number): Promise<{ target: ExistingDatabase; drop: () => Promise<void> }> {
  if (kind === 'postgres') {
    const name = `aionis_bench_${String(scale).replace('.', '_')}`;
    const drop = () => adminQuery(args['pg-url'], `DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    await drop();
    await adminQuery(args['pg-url'], `CREATE DATABASE ${name}`);
    return { target: { databaseUrl: withDatabase(args['pg-url'], name) }, drop };
  }
  const dir = await mkdtemp(path.join(os.tmpdir(), `aionis-bench-${scale}-`));
  return { target: { dataDir: dir }, drop: () => rm(dir, { recursive: true, force: true }) };
}

async function runOne(kind: DatabaseKind, scale: number, web: Record<string, unknown> | null): Promise<RunResult> {
  log(`\n== ${kind} ${scale}× ==`);
  const { target, drop } = await freshDatabase(kind, scale);
  try {
    log('generating…');
    const generation = await generate('databaseUrl' in target ? { kind: 'postgres', url: target.databaseUrl } : { kind: 'pglite', dataDir: target.dataDir }, scale, log);
    log(`generated in ${generation.seconds.toFixed(1)} s`);
    const list = endpoints({ currentWeek: generation.currentWeek });
    const server = await startServer({
      database: kind,
      existing: target,
      env: { LOG_LEVEL: 'warn', SEED_ON_EMPTY: 'false', LINK_CHECK_CRON: 'off', SQL_STATEMENT_HEADER: 'true' },
      onLine: (line) => line && console.error(`  server: ${line}`),
    });
    const results: Omit<EndpointResult, 'floor' | 'ratio'>[] = [];
    let rssMb: number | null = null;
    let session: ApiSession;
    try {
      session = await server.signIn(ADMIN.email, ADMIN.password);
      for (const e of list) {
        const urlPath = trpcPath(e.calls);
        const first = await once(session, urlPath);
        const http = await httpLoad(server, session, urlPath);
        log(`  ${e.name.padEnd(16)} p50 ${http.p50} ms  p99 ${http.p99} ms  ${http.rps.toFixed(0)} req/s  ${first.statements} statements  ${(first.bytes / 1024).toFixed(0)} KB`);
        results.push({ endpoint: e.name, path: urlPath, db: kind, scale, statements: first.statements, responseBytes: first.bytes, http });
      }
      const rss = server.rss();
      rssMb = rss === null ? null : Math.round(rss / 1024 / 1024);
      log(`  server RSS at the end: ${rssMb} MB`);
      if (web) {
        try {
          Object.assign(web, await webFigures(server.url, session.cookie));
        } catch (error) {
          // A browser that cannot paint on a loaded machine should not cost the server figures.
          web.error = String((error as Error).message ?? error);
          log(`  web figures failed: ${web.error}`);
        }
      }
    } finally {
      await server.stop();
    }
    // The floors run after the server has stopped: the machine is theirs, as it was the server's.
    // The floor reads the same session the server did: the token is the cookie's value before its signature.
    const sessionToken = decodeURIComponent(/(?:^|;\s*)(?:__Secure-)?aionis\.session_token=([^;]+)/.exec(session.cookie)?.[1] ?? '').split('.')[0]!;
    if (!sessionToken) throw new Error(`no session token in the sign-in cookie (${session.cookie.slice(0, 60)}…)`);
    const floorDb = await openFloorDb(target, connections);
    const out: EndpointResult[] = [];
    try {
      for (const [i, e] of list.entries()) {
        const floor = await measureFloor(e as Endpoint, floorDb, { sessionToken, today: new Date().toISOString().slice(0, 10), currentWeek: generation.currentWeek }, { connections, seconds, warmupSeconds: warmup });
        const r = results[i]!;
        out.push({ ...r, floor, ratio: r.http.p50 / floor.p50 });
        log(`  floor ${e.name.padEnd(10)} p50 ${floor.p50.toFixed(1)} ms  p99 ${floor.p99.toFixed(1)} ms  ${floor.rps.toFixed(0)} req/s  → ratio ${(r.http.p50 / floor.p50).toFixed(2)}`);
      }
    } finally {
      await floorDb.close();
    }
    return { db: kind, scale, generation, rssMb, endpoints: out };
  } finally {
    await drop();
  }
}

async function webFigures(baseUrl: string, cookie: string) {
  // Without Chromium only the bundle's size can be had (from Vite's manifest); Lighthouse is skipped, and says why.
  const browser = !quick && existsSync(chromePath);
  log(browser ? 'web: bundle and Lighthouse…' : 'web: bundle size (from the manifest)…');
  const bundle = await measureBundle(builtWeb, '/', browser ? { baseUrl, cookie, chromePath } : undefined);
  const pages = browser ? [await measureLighthouse(`${baseUrl}/`, { cookie, chromePath }), await measureLighthouse(`${baseUrl}/plan`, { cookie, chromePath })] : [];
  return {
    firstRouteJsGzipKb: +(bundle.totalGzip / 1024).toFixed(1),
    bundleMethod: bundle.method,
    bundleFiles: bundle.files.length,
    lighthouse: browser
      ? pages.map((l) => ({ page: new URL(l.url).pathname, formFactor: l.formFactor, performance: l.performance, lcpMs: l.lcp, tbtMs: l.tbt }))
      : { skipped: quick ? 'quick mode' : `no Chromium at ${chromePath} (set CHROME_PATH)` },
  };
}

/** What makes the run a failure: an endpoint that did not answer 200 every time, or a figure missing. */
function problems(runs: RunResult[], web: Record<string, unknown> | null): string[] {
  const found: string[] = [];
  const expected = dbs.reduce((n, db) => n + (db === 'pglite' ? pgliteScales : scales).length, 0);
  if (runs.length !== expected) found.push(`${runs.length} of ${expected} runs finished`);
  for (const run of runs) {
    const where = (e: EndpointResult) => `${e.endpoint} (${run.db} ${run.scale}×)`;
    if (run.rssMb === null) found.push(`no server RSS for ${run.db} ${run.scale}×`);
    for (const e of run.endpoints) {
      if (e.http.non2xx || e.http.errors) found.push(`${where(e)}: ${e.http.non2xx} non-2xx answers, ${e.http.errors} errors or timeouts under load`);
      if (!(e.http.requests > 0 && e.http.p50 > 0)) found.push(`${where(e)}: no request completed under load`);
      if (e.statements === null || !Number.isFinite(e.statements)) found.push(`${where(e)}: no x-sql-statements count`);
      if (!(e.floor.requests > 0 && Number.isFinite(e.floor.p50))) found.push(`${where(e)}: no floor figure`);
    }
  }
  if (web && typeof web.firstRouteJsGzipKb !== 'number') found.push(`no web bundle figure${web.error ? `: ${String(web.error)}` : ''}`);
  return found;
}

// ---- the table -----------------------------------------------------------------------------------

function printTable(runs: RunResult[]) {
  const growth = (r: EndpointResult) => {
    if (r.scale === 1) return '';
    const base = runs.find((x) => x.db === r.db && x.scale === Math.min(...runs.filter((y) => y.db === r.db).map((y) => y.scale)));
    const b = base?.endpoints.find((e) => e.endpoint === r.endpoint);
    return b && base!.scale !== r.scale ? `${(r.http.p50 / b.http.p50).toFixed(2)}× (stmts ${b.statements}→${r.statements})` : '';
  };
  const rows = runs.flatMap((run) =>
    run.endpoints.map((r) => ({
      endpoint: r.endpoint,
      db: r.db,
      scale: `${r.scale}×`,
      'p50 ms': r.http.p50,
      'p99 ms': r.http.p99,
      'req/s': Math.round(r.http.rps),
      'floor p50': +r.floor.p50.toFixed(1),
      ratio: +r.ratio.toFixed(2),
      stmts: r.statements,
      KB: Math.round(r.responseBytes / 1024),
      growth: growth(r),
    })),
  );
  console.log('');
  console.table(rows);
  for (const run of runs) console.log(`server RSS at the end of ${run.db} ${run.scale}×: ${run.rssMb} MB (generated in ${run.generation.seconds.toFixed(0)} s)`);
}

async function main() {
  const started = Date.now();
  if (!args['no-build']) buildIfStale(log);
  const web: Record<string, unknown> | null = withWeb ? {} : null;
  const runs: RunResult[] = [];
  for (const kind of dbs) {
    for (const scale of kind === 'pglite' ? pgliteScales : scales) {
      // Web figures once, on the first run's server (real data behind the pages).
      runs.push(await runOne(kind, scale, runs.length === 0 ? web : null));
    }
  }
  printTable(runs);
  if (web) console.log('web:', JSON.stringify(web));
  const results = {
    meta: { date: new Date().toISOString(), commit: gitCommit(), node: process.version, cpus: os.cpus().length, cpuModel: os.cpus()[0]?.model, quick, connections, seconds, warmup, minutes: +((Date.now() - started) / 60_000).toFixed(1) },
    runs,
    web,
  };
  await writeFile(out, JSON.stringify(results, null, 2) + '\n');
  console.log(`\nwrote ${path.relative(process.cwd(), out)} in ${results.meta.minutes} min`);
  const failed = problems(runs, web);
  if (failed.length) {
    console.log(`\nFAILED:\n  ${failed.join('\n  ')}`);
    process.exitCode = 1;
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
