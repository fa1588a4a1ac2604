// Crash safety: the server is killed with SIGKILL in the middle of a burst of writes and started again on
// the same data. Every write it acknowledged (a 200) must be there, once, and the database must open and
// serve. Runs on PGlite (a data directory) and, with TEST_DATABASE_URL, on PostgreSQL.
// CRASH_WRITES sets the size of the burst (default 200); the kill comes after half of it is acknowledged.
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { describe, expect, inject, it, onTestFailed, onTestFinished } from 'vitest';
import { withDatabase } from './test/global-setup.js';
import { startServerProcess, type ServerProcess } from './test/server-process.js';

const adminUrl = process.env.TEST_DATABASE_URL;
const admin = { email: 'crash-admin@example.test', password: 'crash-admin-password' };
const writes = Math.max(2, Number(process.env.CRASH_WRITES ?? 200));
const inFlight = 4;

/** The server with the crash test's admin and no schedule, on the data `env` names. */
function start(env: Record<string, string>) {
  return startServerProcess({
    DATABASE_URL: '',
    LINK_CHECK_CRON: 'off',
    AUTH_SECRET: 'crash-process-test-secret-0123456789abcdef',
    ADMIN_EMAIL: admin.email,
    ADMIN_PASSWORD: admin.password,
    ...env,
  });
}

async function signIn(url: string): Promise<string> {
  const res = await fetch(`${url}/api/auth/sign-in/email`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', origin: url },
    body: JSON.stringify(admin),
  });
  expect(res.status).toBe(200);
  return res.headers.getSetCookie().map((c) => c.split(';')[0]).join('; ');
}

interface Burst {
  /** Statement → id, for every create the server answered with a 200. */
  acknowledged: Map<string, string>;
  /** Sent, but no answer came back before the kill: may or may not have been written. */
  unanswered: Set<string>;
}

/**
 * Creates claims a few at a time and SIGKILLs the server once `killAfter` of them are acknowledged.
 * No new write starts after the kill.
 */
async function burstThenKill(url: string, cookie: string, run: string, server: ServerProcess, killAfter: number): Promise<Burst> {
  const acknowledged = new Map<string, string>();
  const unanswered = new Set<string>();
  let next = 0;
  let killed = false;
  const worker = async () => {
    while (!killed && next < writes) {
      const statement = `${run} write ${next++}`;
      unanswered.add(statement);
      try {
        const res = await fetch(`${url}/trpc/claims.create`, {
          method: 'POST',
          headers: { cookie, 'content-type': 'application/json', origin: url },
          body: JSON.stringify({ statement, channel: 'DOCS', layer: 'OSS' }),
        });
        const body = (await res.json()) as { result?: { data?: { id?: string } } };
        if (res.status !== 200 || !body.result?.data?.id) throw new Error(`create answered ${res.status}: ${JSON.stringify(body)}`);
        acknowledged.set(statement, body.result.data.id);
        unanswered.delete(statement);
      } catch (error) {
        if (killed) return; // the connection died with the process: this write is unanswered
        throw error;
      }
      if (!killed && acknowledged.size >= killAfter) {
        killed = true;
        server.child.kill('SIGKILL');
      }
    }
  };
  await Promise.all(Array.from({ length: inFlight }, worker));
  return { acknowledged, unanswered };
}

async function crashAndRestart(env: Record<string, string>) {
  const run = `crash-${Math.random().toString(36).slice(2, 8)}`;
  const first = start(env);
  const second: { server: ServerProcess | null } = { server: null };
  // A timeout says nothing of where the servers were: their logs do.
  onTestFailed(() => console.error(`first server:\n${first.output()}\nsecond server:\n${second.server?.output() ?? '(not started)'}`));
  // Also after a timeout, when the `finally` below never runs.
  onTestFinished(() => {
    first.child.kill('SIGKILL');
    second.server?.child.kill('SIGKILL');
  });
  try {
    const url = await first.ready;
    const cookie = await signIn(url);
    const { acknowledged, unanswered } = await burstThenKill(url, cookie, run, first, Math.ceil(writes / 2));
    expect(await first.exited).toBe('SIGKILL');
    expect(acknowledged.size).toBeGreaterThanOrEqual(Math.ceil(writes / 2));

    second.server = start(env);
    const again = await second.server.ready;
    expect((await fetch(`${again}/healthz`)).status).toBe(200);
    const cookieAgain = await signIn(again);
    const list = await fetch(`${again}/trpc/claims.list?input=${encodeURIComponent(JSON.stringify({ q: run }))}`, { headers: { cookie: cookieAgain } });
    expect(list.status).toBe(200);
    const { items } = ((await list.json()) as { result: { data: { items: { id: string; statement: string }[] } } }).result.data;

    const found = new Map<string, string[]>();
    for (const item of items) found.set(item.statement, [...(found.get(item.statement) ?? []), item.id]);
    const missing = [...acknowledged].filter(([statement, id]) => found.get(statement)?.[0] !== id).map(([s]) => s);
    expect(missing).toEqual([]);
    expect([...found].filter(([, ids]) => ids.length > 1)).toEqual([]);
    // Whatever is there was sent: nothing appears that no client asked for.
    expect([...found.keys()].filter((s) => !acknowledged.has(s) && !unanswered.has(s))).toEqual([]);

    // And the database takes writes again.
    const write = await fetch(`${again}/trpc/claims.create`, {
      method: 'POST',
      headers: { cookie: cookieAgain, 'content-type': 'application/json', origin: again },
      body: JSON.stringify({ statement: `${run} after restart`, channel: 'DOCS', layer: 'OSS' }),
    });
    expect(write.status).toBe(200);
    second.server.child.kill('SIGTERM');
    expect(await second.server.exited).toBe(0);
  } finally {
    first.child.kill('SIGKILL');
    second.server?.child.kill('SIGKILL');
  }
}

describe('a server killed with SIGKILL mid-burst keeps every acknowledged write', () => {
  it('on PGlite (data directory)', async () => {
    const dataDir = await mkdtemp(path.join(os.tmpdir(), 'aionis-crash-'));
    try {
      await crashAndRestart({ DATA_DIR: dataDir });
    } finally {
      await rm(dataDir, { recursive: true, force: true });
    }
  }, 120_000);

  it.runIf(adminUrl)('on PostgreSQL', async () => {
    // A copy of the run's migrated template, named after it so the global teardown drops it.
    const dbName = `${inject('pgTemplate')}_crash_${Math.random().toString(36).slice(2, 8)}`;
    const client = new pg.Client({ connectionString: adminUrl });
    await client.connect();
    await client.query(`CREATE DATABASE ${dbName} TEMPLATE ${inject('pgTemplate')}`);
    await client.end();
    await crashAndRestart({ DATABASE_URL: withDatabase(adminUrl!, dbName) });
  }, 120_000);
});
