// Scheduled jobs across processes: two servers on one PostgreSQL database, both scheduling the evidence
// link check every 2 seconds. Each slot must run in exactly one of them: every link is fetched exactly
// once per slot, never twice, and the process that lost the lease says so. Needs TEST_DATABASE_URL
// (skipped otherwise). Sessions across two processes are covered by live/live.process.test.ts (sign in
// on one, read and write on the other).
import http from 'node:http';
import pg from 'pg';
import { describe, expect, inject, it, onTestFailed, onTestFinished } from 'vitest';
import { withDatabase } from '../../test/global-setup.js';
import { startServerProcess, type ServerProcess } from '../../test/server-process.js';
import { LINK_CHECK_JOB } from './jobs.service.js';

const adminUrl = process.env.TEST_DATABASE_URL;
const slotMs = 2_000;
const links = 3;
/** Slots both processes must have competed for before the test stops them. */
const contested = 4;

interface JobLine {
  job?: string;
  slot?: string;
  msg?: string;
  checked?: number;
}

/** The slots a process ran and the ones it found taken, from its JSON log lines. */
function jobRuns(output: string) {
  const ran: number[] = [];
  const skipped: number[] = [];
  for (const line of output.split('\n')) {
    if (!line.startsWith('{')) continue;
    const entry = JSON.parse(line) as JobLine;
    if (entry.job !== LINK_CHECK_JOB || !entry.slot) continue;
    if (entry.msg === 'link check finished') ran.push(Date.parse(entry.slot));
    else if (entry.msg?.startsWith('link check skipped')) skipped.push(Date.parse(entry.slot));
    else throw new Error(`unexpected job log line: ${line}`);
  }
  return { ran, skipped, tried: [...ran, ...skipped] };
}

describe.runIf(adminUrl)('scheduled link checks across two server processes on one PostgreSQL', () => {
  it('runs each slot in exactly one process: every link fetched once per slot, the other process skips', async () => {
    // Every check of an evidence link (its HEAD request; a healthy link is then fetched once more with GET
    // for its fingerprint), by path, with the time it arrived.
    const hits: { path: string; at: number }[] = [];
    const target = http.createServer((req, res) => {
      if (req.method === 'HEAD') hits.push({ path: req.url ?? '', at: Date.now() });
      res.writeHead(200).end();
    });
    await new Promise<void>((resolve) => target.listen(0, '127.0.0.1', resolve));
    const address = target.address();
    const base = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;

    // A copy of the run's migrated template, named after it so the global teardown drops it.
    const dbName = `${inject('pgTemplate')}_jobs_${Math.random().toString(36).slice(2, 8)}`;
    const client = new pg.Client({ connectionString: adminUrl });
    await client.connect();
    await client.query(`CREATE DATABASE ${dbName} TEMPLATE ${inject('pgTemplate')}`);
    await client.end();
    const databaseUrl = withDatabase(adminUrl!, dbName);

    // The links go straight into the database: saving them through the API would check them at once,
    // outside the schedule. Only these are live, so a run fetches exactly these.
    const db = new pg.Client({ connectionString: databaseUrl });
    await db.connect();
    const paths = Array.from({ length: links }, (_, i) => `/evidence/${i}`);
    try {
      await db.query(`UPDATE "Evidence" SET "archivedAt" = now() WHERE "archivedAt" IS NULL`);
      for (const p of paths) {
        await db.query(
          `INSERT INTO "Evidence" ("id", "title", "url", "kind", "capturedOn", "addedByName", "updatedAt")
           VALUES (gen_random_uuid(), $1, $2, 'ARTIFACT', CURRENT_DATE, 'test', now())`,
          [`link ${p}`, `${base}${p}`],
        );
      }
    } finally {
      await db.end();
    }

    const env = {
      DATABASE_URL: databaseUrl,
      AUTH_SECRET: 'jobs-process-test-secret-0123456789abcdef',
      // Seconds first: every 2 seconds, read in UTC by both processes.
      LINK_CHECK_CRON: `*/${slotMs / 1000} * * * * *`,
      LINK_CHECK_ALLOW_PRIVATE: 'true',
      LINK_CHECK_TIMEOUT_MS: '1000',
    };
    const a = startServerProcess(env, 'A');
    const b = { server: null as ServerProcess | null };
    onTestFailed(() => console.error(`A:\n${a.output()}\nB:\n${b.server?.output() ?? '(not started)'}`));
    onTestFinished(async () => {
      a.child.kill('SIGKILL');
      b.server?.child.kill('SIGKILL');
      await new Promise<void>((resolve) => target.close(() => resolve()));
    });

    await a.ready;
    b.server = startServerProcess(env, 'B');
    await b.server.ready;
    const both = b.server;

    // Wait until both have tried `contested` slots that both tried.
    const common = () => {
      const tried = new Set(jobRuns(a.output()).tried);
      return jobRuns(both.output()).tried.filter((slot) => tried.has(slot));
    };
    const deadline = Date.now() + 30_000;
    while (common().length < contested && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 200));
    expect(common().length).toBeGreaterThanOrEqual(contested);

    // SIGTERM may abort a run in progress; judge only slots whose window ended before it.
    const cutoff = Date.now();
    a.child.kill('SIGTERM');
    both.child.kill('SIGTERM');
    expect(await a.exited).toBe(0);
    expect(await both.exited).toBe(0);

    const runsA = jobRuns(a.output());
    const runsB = jobRuns(both.output());
    const judged = (slot: number) => slot + slotMs <= cutoff;
    const ranA = runsA.ran.filter(judged);
    const ranB = runsB.ran.filter(judged);

    // No slot ran twice, within a process or across the two.
    const allRuns = [...ranA, ...ranB].sort((x, y) => x - y);
    expect(new Set(allRuns).size).toBe(allRuns.length);
    // Every slot both tried was run by exactly one: the other found it taken.
    for (const slot of common().filter(judged)) {
      const ranHere = [ranA.includes(slot), ranB.includes(slot)];
      expect(ranHere.filter(Boolean), `slot ${new Date(slot).toISOString()}`).toHaveLength(1);
      expect(runsA.skipped.includes(slot) !== runsB.skipped.includes(slot), `slot ${new Date(slot).toISOString()}`).toBe(true);
    }
    expect(allRuns.length).toBeGreaterThanOrEqual(contested);

    // Each link fetched exactly once by each judged run. Runs never overlap (the next slot cannot be
    // leased while a run holds it), so a fetch belongs to the latest run that started before it.
    const everyRun = [...runsA.ran, ...runsB.ran].sort((x, y) => x - y);
    const fetchedBy = new Map<number, string[]>();
    for (const hit of hits) {
      const run = everyRun.findLast((slot) => slot <= hit.at);
      expect(run, `a fetch of ${hit.path} before any run`).toBeDefined();
      fetchedBy.set(run!, [...(fetchedBy.get(run!) ?? []), hit.path]);
    }
    for (const slot of allRuns) expect((fetchedBy.get(slot) ?? []).sort(), `fetches for slot ${new Date(slot).toISOString()}`).toEqual(paths);
    const lastJudged = Math.max(...allRuns);

    // The lease row agrees: one row for the job, last run at the latest slot run.
    const check = new pg.Client({ connectionString: databaseUrl });
    await check.connect();
    try {
      // The column holds UTC without a zone, as every Prisma DateTime here.
      const { rows } = await check.query<{ lastRunAt: Date }>(`SELECT "lastRunAt" AT TIME ZONE 'UTC' AS "lastRunAt" FROM "JobLease" WHERE "name" = $1`, [LINK_CHECK_JOB]);
      expect(rows).toHaveLength(1);
      expect(rows[0]!.lastRunAt.getTime()).toBeGreaterThanOrEqual(lastJudged);
    } finally {
      await check.end();
    }
    console.info(`link-check slots: A ran ${ranA.length}, B ran ${ranB.length}, ${common().length} contested`);
  }, 90_000);
});
