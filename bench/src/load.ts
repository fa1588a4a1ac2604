// pnpm load [--duration 60] [--connections 32] [--db postgres|pglite] [--warmup 20] [--max-growth 0.1] [--timeout 10] [--no-build]
//
// Builds if the build is missing or stale (unless --no-build), then starts the built server on a fresh
// database (a throwaway PostgreSQL database by default, or a PGlite data directory), signs in virtual
// users of every role and runs a mix of reads and writes through autocannon for the given time (see
// load-mix.ts). Meanwhile it samples the server's RSS every second and
// its heap after each full GC (--trace-gc). Then it checks that the server still answers and that every
// acknowledged write is in the database. Prints a table, writes the figures to bench/load-results.json
// (one entry per database), and exits non-zero on any error (non-2xx, socket error, timeout), on writes
// missing, or when memory grew more than --max-growth after the warm-up (judged only when at least 20 s
// follow the warm-up: a shorter run, as in CI, is still warming up). See docs/reliability.md, "Load".
import { readFileSync, writeFileSync } from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import autocannon from 'autocannon';
import { rolesFor, VirtualUser, writeKinds, type Own, type Role, type Versioned, type World, type WriteKind } from './load-mix.js';
import { buildIfStale, gitCommit, repoRoot } from './checkout.js';
import { ApiSession, startServer, type DatabaseKind, type ServerProcess } from './server-process.js';

const { values: args } = parseArgs({
  options: {
    duration: { type: 'string', default: '60' },
    connections: { type: 'string', default: '32' },
    db: { type: 'string', default: 'postgres' },
    warmup: { type: 'string', default: '20' },
    'max-growth': { type: 'string', default: '0.1' },
    'log-level': { type: 'string', default: 'info' },
    /** A request unanswered this long (seconds) counts as an error. */
    timeout: { type: 'string', default: '10' },
    out: { type: 'string', default: path.join(repoRoot, 'bench', 'load-results.json') },
    /** Diagnosis: keep the server's log, and run it with these Node flags (e.g. --trace-gc). */
    'server-log': { type: 'string' },
    'server-node-args': { type: 'string' },
    /** Use the existing server/dist and web/dist (otherwise `pnpm build` runs when sources are newer). */
    'no-build': { type: 'boolean', default: false },
  },
});
const duration = Number(args.duration);
const connections = Number(args.connections);
const database = args.db as DatabaseKind;
const maxGrowth = Number(args['max-growth']);
const timeoutS = Number(args.timeout);
// A short run (CI) still needs a few samples after its warm-up.
const warmup = Math.min(Number(args.warmup), Math.floor(duration / 2));
if (!(duration > 0) || !(connections > 0) || !['postgres', 'pglite'].includes(database) || !(warmup >= 0) || !(maxGrowth > 0) || !(timeoutS > 0)) {
  console.error('usage: pnpm load [--duration s] [--connections n] [--db postgres|pglite] [--warmup s] [--max-growth fraction] [--timeout s]');
  process.exit(2);
}

const localToday = () => {
  const d = new Date();
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
};
const mb = (bytes: number) => bytes / 1024 / 1024;
/** Memory is judged only with this long after the warm-up. */
const minJudgedS = 20;
const mean = (xs: number[]) => (xs.length ? xs.reduce((a, b) => a + b, 0) / xs.length : 0);

/** User + system CPU seconds a process has used so far (Linux), or null. */
function cpuSeconds(pid: number): number | null {
  try {
    // Fields after the command name (which may hold spaces): utime and stime are the 12th and 13th.
    const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
    return (Number(fields[11]) + Number(fields[12])) / 100;
  } catch {
    return null;
  }
}
const percentile = (sorted: Float64Array, p: number) => (sorted.length ? sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]! : 0);

/** Answers 200 to anything: what evidence links point at, so link checks stay on this machine. */
async function startLinkTarget(): Promise<{ base: string; hits: () => number; close: () => Promise<void> }> {
  let hits = 0;
  const server = http.createServer((req, res) => {
    hits++;
    res.writeHead(200, { 'content-type': 'text/plain' }).end('ok');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  return { base: `http://127.0.0.1:${port}`, hits: () => hits, close: () => new Promise((resolve) => server.close(() => resolve())) };
}

interface PlanView {
  phases: { key: string; deliverables: Versioned[]; gates: Versioned[] }[];
}

/** Users per role (virtual users of a role share them, each with a session of its own), partners, a review. */
async function prepare(server: ServerProcess, linkBase: string, runTag: string) {
  const admin = await server.signIn(server.admin.email, server.admin.password);
  const roles = rolesFor(connections);
  const usersPerRole: Record<Role, number> = { viewer: 2, sales: 3, pm: 2, leadership: 2 };
  const users = new Map<Role, { id: string; email: string; password: string }[]>();
  for (const role of Object.keys(usersPerRole) as Role[]) {
    const list = [];
    for (let i = 0; i < Math.min(usersPerRole[role], roles.filter((r) => r === role).length); i++) {
      const email = `load-${role}-${i}@example.test`;
      const created = await admin.mutate<{ userId: string; oneTimePassword: string }>('users.create', { name: `Load ${role} ${i}`, email, role });
      list.push({ id: created.userId, email, password: created.oneTimePassword });
    }
    users.set(role, list);
  }
  const review = await admin.mutate<{ id: string; weekStart: string }>('reviews.openThisWeek');
  const plan = await admin.query<PlanView>('plans.current');
  const deliverables = plan.phases.flatMap((p) => p.deliverables).map(({ id, version }) => ({ id, version }));
  const gates = plan.phases.flatMap((p) => p.gates).map(({ id, version }) => ({ id, version }));

  const partnersPerSeller = 4;
  const sessions: { role: Role; session: ApiSession; own: Own }[] = [];
  const seen: Record<Role, number> = { viewer: 0, sales: 0, pm: 0, leadership: 0 };
  for (const role of roles) {
    const nth = seen[role]++;
    const user = users.get(role)![nth % users.get(role)!.length]!;
    const session = await server.signIn(user.email, user.password);
    const own: Own = { userId: user.id, partners: [], deliverable: null, gate: null };
    if (role === 'sales') {
      for (let k = 0; k < partnersPerSeller; k++) {
        const company = `${runTag} partner ${nth}-${k}`;
        own.partners.push(await session.mutate<Versioned>('partners.create', { company, segment: 'AI_INFRA', package: 'OSS', track: 'HOSTED' }));
      }
    }
    // Each PM moves a deliverable of its own and each leader edits a gate of its own (while there are enough).
    if (role === 'pm') own.deliverable = deliverables[nth] ? { ...deliverables[nth] } : null;
    if (role === 'leadership') own.gate = gates[nth] ? { ...gates[nth] } : null;
    sessions.push({ role, session, own });
  }
  const world: World = {
    runTag,
    weekStart: review.weekStart,
    reviewId: review.id,
    phaseKeys: plan.phases.map((p) => p.key),
    partnerIds: sessions.flatMap((s) => s.own.partners.map((p) => p.id)),
    gateIds: gates.map((g) => g.id),
    linkBase,
  };
  const today = localToday();
  const vus = sessions.map((s, i) => new VirtualUser(i, s.role, s.session, world, s.own, today));
  return { admin, vus, world, initial: { deliverables, gates } };
}

interface Tally {
  latencies: number[];
  byProcedure: Map<string, number[]>;
  statuses: Map<number, number>;
  /** Non-2xx answers by procedure and status, with the first body of each. */
  failures: Map<string, { count: number; body: string }>;
  socketErrors: number;
  timeouts: number;
  /** Per write target: sent and acknowledged. */
  writes: Map<string, { kind: WriteKind; sent: number; acked: number }>;
}

function drive(server: ServerProcess, vus: VirtualUser[], tally: Tally): Promise<void> {
  const url = new URL(server.url);
  const runs = vus.map(
    (vu) =>
      new Promise<void>((resolve, reject) => {
        const instance = autocannon(
          {
            url: server.url,
            connections: 1,
            pipelining: 1,
            duration,
            timeout: timeoutS,
            requests: [
              {
                setupRequest: (req) => {
                  const step = vu.next();
                  if (step.write) {
                    const key = `${step.write}:${step.target}`;
                    const w = tally.writes.get(key) ?? { kind: step.write, sent: 0, acked: 0 };
                    w.sent++;
                    tally.writes.set(key, w);
                  }
                  return {
                    ...req,
                    method: step.method,
                    path: step.path,
                    headers: { ...vu.session.headers(step.method === 'POST'), host: url.host },
                    ...(step.body !== undefined && { body: step.body }),
                  };
                },
                onResponse: (status, body) => {
                  const step = vu.current;
                  if (!step) return;
                  if (status >= 200 && status < 300) {
                    if (step.write) tally.writes.get(`${step.write}:${step.target}`)!.acked++;
                    step.onOk?.((JSON.parse(body) as { result: { data: unknown } }).result.data);
                  } else {
                    const key = `${step.procedure} ${status}`;
                    const f = tally.failures.get(key) ?? { count: 0, body: body.slice(0, 300) };
                    f.count++;
                    tally.failures.set(key, f);
                  }
                },
              },
            ],
          },
          (err: unknown, result: autocannon.Result) => {
            if (err) return reject(err instanceof Error ? err : new Error(String(err)));
            // autocannon counts a timeout as an error too.
            tally.timeouts += result.timeouts;
            tally.socketErrors += result.errors - result.timeouts;
            resolve();
          },
        );
        instance.on('response', (_client, status, _bytes, ms) => {
          tally.latencies.push(ms);
          tally.statuses.set(status, (tally.statuses.get(status) ?? 0) + 1);
          const name = vu.current?.procedure ?? '?';
          let list = tally.byProcedure.get(name);
          if (!list) tally.byProcedure.set(name, (list = []));
          list.push(ms);
        });
      }),
  );
  return Promise.all(runs).then(() => undefined);
}

/** Compares what the database holds with the acknowledged writes: each target has between acked and sent. */
async function verify(admin: ApiSession, world: World, tally: Tally, initial: { deliverables: Versioned[]; gates: Versioned[] }) {
  const byKind = new Map<WriteKind, { sent: number; acked: number; found: number }>();
  const problems: string[] = [];
  const check = (kind: WriteKind, target: string, found: number, sent: number, acked: number) => {
    const k = byKind.get(kind) ?? { sent: 0, acked: 0, found: 0 };
    k.sent += sent;
    k.acked += acked;
    k.found += found;
    byKind.set(kind, k);
    if (found < acked || found > sent) problems.push(`${kind} on ${target}: ${found} in the database, ${acked} acknowledged, ${sent} sent`);
  };
  const writesTo = (kind: WriteKind, target: string) => tally.writes.get(`${kind}:${target}`) ?? { sent: 0, acked: 0 };

  for (const id of world.partnerIds) {
    const timeline = await admin.query<{ type: string; text?: string }[]>('partners.timeline', { id });
    const w = writesTo('activity', id);
    check('activity', id, timeline.filter((e) => e.type === 'activity' && e.text?.startsWith(world.runTag)).length, w.sent, w.acked);
    const items = await admin.query<{ title: string }[]>('evidence.forTarget', { targetType: 'partner', targetId: id });
    const e = writesTo('evidence', id);
    check('evidence', id, items.filter((x) => x.title.startsWith(world.runTag)).length, e.sent, e.acked);
    const partner = await admin.query<{ version: number }>('partners.byId', { id });
    const u = writesTo('partnerUpdate', id);
    check('partnerUpdate', id, partner.version - 1, u.sent, u.acked);
  }
  const plan = await admin.query<PlanView>('plans.current');
  const now = new Map(plan.phases.flatMap((p) => [...p.deliverables, ...p.gates]).map((x) => [x.id, x.version]));
  for (const [kind, list] of [
    ['deliverableUpdate', initial.deliverables],
    ['gateUpdate', initial.gates],
  ] as const) {
    for (const item of list) {
      const w = writesTo(kind, item.id);
      if (w.sent) check(kind, item.id, now.get(item.id)! - item.version, w.sent, w.acked);
    }
  }
  const review = await admin.query<{ actionItems: { title: string }[]; decisions: { text: string }[] }>('reviews.byWeek', { weekStart: world.weekStart });
  const a = writesTo('actionItem', world.reviewId);
  check('actionItem', world.reviewId, review.actionItems.filter((x) => x.title.startsWith(world.runTag)).length, a.sent, a.acked);
  const d = writesTo('decision', world.reviewId);
  check('decision', world.reviewId, review.decisions.filter((x) => x.text.startsWith(world.runTag)).length, d.sent, d.acked);
  return { byKind, problems };
}

/** A measurement in MB, `t` seconds into the run. */
interface Sample {
  t: number;
  mb: number;
}

/** Least-squares slope over time, in MB per minute. */
function slopePerMinute(samples: Sample[]): number {
  if (samples.length < 2) return 0;
  const n = samples.length;
  const mt = samples.reduce((s, x) => s + x.t, 0) / n;
  const mr = samples.reduce((s, x) => s + x.mb, 0) / n;
  const num = samples.reduce((s, x) => s + (x.t - mt) * (x.mb - mr), 0);
  const den = samples.reduce((s, x) => s + (x.t - mt) ** 2, 0);
  return den ? (num / den) * 60 : 0;
}

async function main() {
  const runTag = `load-${Date.now().toString(36)}`;
  /** The V8 heap in MB after each full (mark-compact) collection during the run. */
  const heapAfterGc: Sample[] = [];
  let runStarted = 0;
  if (!args['no-build']) buildIfStale();
  const target = await startLinkTarget();
  console.log(`Starting the built server on ${database === 'postgres' ? 'a fresh PostgreSQL database' : 'a fresh PGlite data directory'}…`);
  const server = await startServer({
    database,
    name: 'aionis_load',
    env: {
      LOG_LEVEL: args['log-level']!,
      LINK_CHECK_CRON: 'off',
      LINK_CHECK_ALLOW_PRIVATE: 'true',
    },
    ...(args['server-log'] && { logFile: path.resolve(args['server-log']) }),
    // --trace-gc: the live heap after each full collection is what a leak would grow; RSS also holds
    // the heap's headroom, which V8 widens with the allocation rate, and (PGlite) the database's memory.
    nodeArgs: ['--trace-gc', ...(args['server-node-args']?.split(' ').filter(Boolean) ?? [])],
    onLine: (line) => {
      const full = /Mark-Compact [\d.]+ \([\d.]+\) -> ([\d.]+) \(([\d.]+)\) MB/.exec(line);
      if (full && runStarted) heapAfterGc.push({ t: (Date.now() - runStarted) / 1000, mb: Number(full[1]) });
    },
  });
  let failed: boolean;
  try {
    const { admin, vus, world, initial } = await prepare(server, target.base, runTag);
    const roles = vus.reduce<Record<string, number>>((m, v) => ({ ...m, [v.role]: (m[v.role] ?? 0) + 1 }), {});
    console.log(`${server.url} (pid ${server.pid}, ${server.location}); ${vus.length} virtual users: ${JSON.stringify(roles)}`);
    console.log(`Running ${duration} s at concurrency ${connections}…`);

    const tally: Tally = { latencies: [], byProcedure: new Map(), statuses: new Map(), failures: new Map(), socketErrors: 0, timeouts: 0, writes: new Map() };
    const idleRss = server.rss() ?? 0;
    const serverCpuBefore = cpuSeconds(server.pid);
    const ownCpuBefore = process.cpuUsage();
    const samples: Sample[] = [];
    const started = Date.now();
    runStarted = started;
    const sampler = setInterval(() => {
      const rss = server.rss();
      if (rss !== null) samples.push({ t: (Date.now() - started) / 1000, mb: mb(rss) });
    }, 1000);
    const running = drive(server, vus, tally);
    const died = server.exited.then((code) => {
      throw new Error(`the server exited during the run (${code}):\n${server.output()}`);
    });
    await Promise.race([running, died]);
    clearInterval(sampler);
    const elapsed = (Date.now() - started) / 1000;
    const serverCpuAfter = cpuSeconds(server.pid);
    const ownCpu = process.cpuUsage(ownCpuBefore);

    await new Promise((resolve) => setTimeout(resolve, 500)); // answers to the last requests still land
    const health = await fetch(`${server.url}/healthz`).then((r) => r.status, () => 0);
    const { byKind, problems } = await verify(admin, world, tally, initial);

    const sorted = Float64Array.from(tally.latencies).sort();
    const total = sorted.length;
    const non2xx = [...tally.statuses].filter(([s]) => s < 200 || s >= 300).reduce((n, [, c]) => n + c, 0);
    const errors = non2xx + tally.socketErrors + tally.timeouts;
    // Figures: RSS at the end of the warm-up and at the end (5-second means), peak and slope. Verdict:
    // flat when the second half after the warm-up stays within --max-growth of the first half's high
    // water mark, for RSS and for the live heap after full collections. RSS saws up and down with V8's
    // heap headroom, so a single sample against another would judge the saw, not a trend.
    const afterWarmup = samples.filter((s) => s.t >= warmup);
    const warm = mean(afterWarmup.slice(0, 5).map((s) => s.mb));
    const end = mean(samples.slice(-5).map((s) => s.mb));
    const peak = Math.max(...samples.map((s) => s.mb));
    const growth = warm ? (end - warm) / warm : 0;
    const slope = slopePerMinute(afterWarmup);
    const memoryJudged = elapsed - warmup >= minJudgedS;
    const halves = (xs: Sample[]) => {
      const mid = warmup + (elapsed - warmup) / 2;
      const first = xs.filter((x) => x.t >= warmup && x.t < mid).map((x) => x.mb);
      const second = xs.filter((x) => x.t >= mid).map((x) => x.mb);
      return first.length && second.length ? { first: Math.max(...first), second: Math.max(...second) } : null;
    };
    const rssHalves = halves(samples);
    const heapHalves = halves(heapAfterGc);
    const rssHalfGrowth = rssHalves ? (rssHalves.second - rssHalves.first) / rssHalves.first : 0;
    const heapHalfGrowth = heapHalves ? (heapHalves.second - heapHalves.first) / heapHalves.first : 0;
    const writesAcked = [...byKind.values()].reduce((n, k) => n + k.acked, 0);

    const round = (x: number, d = 1) => Math.round(x * 10 ** d) / 10 ** d;
    const results = {
      date: new Date().toISOString(),
      commit: gitCommit(),
      machine: { cpus: os.cpus().length, cpu: os.cpus()[0]?.model ?? '?', memoryGB: round(os.totalmem() / 1024 ** 3), node: process.version },
      database,
      durationS: round(elapsed),
      connections,
      requestTimeoutS: timeoutS,
      virtualUsers: roles,
      requests: { total, perSecond: round(total / elapsed), writesAcknowledged: writesAcked },
      cpuPercentOfOneCore: {
        server: serverCpuBefore !== null && serverCpuAfter !== null ? round(((serverCpuAfter - serverCpuBefore) / elapsed) * 100) : null,
        loadGenerator: round(((ownCpu.user + ownCpu.system) / 1e6 / elapsed) * 100),
        machineLoadAverage: round(os.loadavg()[0]!, 2),
      },
      latencyMs: { p50: round(percentile(sorted, 50)), p90: round(percentile(sorted, 90)), p99: round(percentile(sorted, 99)), max: round(sorted.at(-1) ?? 0) },
      errors: { total: errors, non2xx, socketErrors: tally.socketErrors, timeouts: tally.timeouts, byProcedure: Object.fromEntries(tally.failures) },
      rssMB: {
        idleBeforeRun: round(mb(idleRss)),
        warmAt: warmup,
        warm: round(warm),
        end: round(end),
        peak: round(peak),
        growthPercent: round(growth * 100),
        slopeMBPerMin: round(slope, 2),
        highWaterFirstHalf: round(rssHalves?.first ?? 0),
        highWaterSecondHalf: round(rssHalves?.second ?? 0),
        halfGrowthPercent: round(rssHalfGrowth * 100),
        maxGrowthPercent: maxGrowth * 100,
        judged: memoryJudged,
      },
      heapAfterFullGcMB: {
        collections: heapAfterGc.length,
        firstAfterWarmup: heapAfterGc.find((h) => h.t >= warmup)?.mb ?? null,
        last: heapAfterGc.at(-1)?.mb ?? null,
        highWaterFirstHalf: round(heapHalves?.first ?? 0),
        highWaterSecondHalf: round(heapHalves?.second ?? 0),
        halfGrowthPercent: round(heapHalfGrowth * 100),
        judged: memoryJudged && heapHalves !== null,
        samples: heapAfterGc.map((h) => [round(h.t), round(h.mb)]),
      },
      writes: Object.fromEntries([...byKind].map(([k, v]) => [k, v])),
      verification: { healthz: health, problems },
      linkCheckHits: target.hits(),
      procedures: Object.fromEntries(
        [...tally.byProcedure]
          .sort(([a], [b]) => a.localeCompare(b))
          .map(([name, list]) => {
            const s = Float64Array.from(list).sort();
            return [name, { count: s.length, p50: round(percentile(s, 50)), p99: round(percentile(s, 99)) }];
          }),
      ),
      rssSamples: samples.map((s) => [round(s.t), round(s.mb)]),
    };
    // One file holds the last run on each database.
    let recorded: Record<string, unknown> = {};
    try {
      recorded = JSON.parse(readFileSync(args.out!, 'utf8')) as Record<string, unknown>;
    } catch {
      // no file yet, or not ours: start afresh
    }
    writeFileSync(args.out!, `${JSON.stringify({ ...recorded, [database]: results }, null, 2)}\n`);

    console.log(`\nLoad: ${database}, ${round(elapsed)} s, ${connections} connections, commit ${results.commit}`);
    console.table({
      requests: { value: total },
      'req/s': { value: results.requests.perSecond },
      'latency p50 (ms)': { value: results.latencyMs.p50 },
      'latency p90 (ms)': { value: results.latencyMs.p90 },
      'latency p99 (ms)': { value: results.latencyMs.p99 },
      'latency max (ms)': { value: results.latencyMs.max },
      'non-2xx': { value: non2xx },
      'socket errors': { value: tally.socketErrors },
      timeouts: { value: tally.timeouts },
      'server CPU (% of a core)': { value: results.cpuPercentOfOneCore.server },
      'load generator CPU (%)': { value: results.cpuPercentOfOneCore.loadGenerator },
      [`RSS ${warmup}–${warmup + 5} s (MB)`]: { value: results.rssMB.warm },
      'RSS last 5 s (MB)': { value: results.rssMB.end },
      'RSS peak (MB)': { value: results.rssMB.peak },
      'RSS end vs warm (%)': { value: results.rssMB.growthPercent },
      'RSS slope (MB/min)': { value: results.rssMB.slopeMBPerMin },
      'RSS high water, 2nd vs 1st half (%)': { value: results.rssMB.halfGrowthPercent },
      'heap after full GC, first → last (MB)': { value: `${results.heapAfterFullGcMB.firstAfterWarmup ?? '–'} → ${results.heapAfterFullGcMB.last ?? '–'}` },
      'heap high water, 2nd vs 1st half (%)': { value: results.heapAfterFullGcMB.halfGrowthPercent },
    });
    console.table(Object.fromEntries([...byKind].map(([k, v]) => [k, { sent: v.sent, acknowledged: v.acked, 'in database': v.found }])));
    for (const [key, f] of tally.failures) console.log(`  ${key} ×${f.count}: ${f.body}`);
    for (const p of problems) console.log(`  MISSING/EXTRA: ${p}`);
    console.log(`Wrote ${path.relative(process.cwd(), args.out!)}`);

    const verdicts = [
      [errors === 0, `${errors} errors`],
      [health === 200, `/healthz answered ${health} after the run`],
      [problems.length === 0, `${problems.length} write counts differ from the database`],
      // A short run on a busy machine may not get round to every kind of write; a full run must.
      [!memoryJudged || writeKinds.every((k) => (byKind.get(k)?.acked ?? 0) > 0), 'some kind of write never succeeded'],
      [!memoryJudged || rssHalfGrowth <= maxGrowth, `RSS high water grew ${round(rssHalfGrowth * 100)} % from the first to the second half after the warm-up (limit ${maxGrowth * 100} %)`],
      [!memoryJudged || heapHalfGrowth <= maxGrowth, `the heap after full GC grew ${round(heapHalfGrowth * 100)} % from the first to the second half (limit ${maxGrowth * 100} %)`],
    ] as const;
    const failures = verdicts.filter(([ok]) => !ok).map(([, why]) => why);
    if (failures.length) console.log(`\nFAILED: ${failures.join('; ')}`);
    else if (!memoryJudged) console.log(`\nOK: no errors, every acknowledged write is there (memory not judged: under ${minJudgedS} s after the warm-up)`);
    else console.log('\nOK: no errors, every acknowledged write is there, memory flat after the warm-up');
    failed = failures.length > 0;
  } finally {
    await server.stop();
    await target.close();
  }
  process.exit(failed ? 1 : 0);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
