// Live updates across processes: two servers on one PostgreSQL database; a write through one reaches a
// client streaming from the other, through LISTEN/NOTIFY. Needs TEST_DATABASE_URL (skipped otherwise).
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import path from 'node:path';
import pg from 'pg';
import { afterAll, describe, expect, inject, it } from 'vitest';
import { withDatabase } from '../../test/global-setup.js';

const main = fileURLToPath(new URL('../../main.ts', import.meta.url));
const adminUrl = process.env.TEST_DATABASE_URL;
const admin = { email: 'live-admin@example.test', password: 'live-admin-password' };

function start(env: Record<string, string>) {
  const child = spawn(process.execPath, ['--import', 'tsx', main], {
    cwd: path.dirname(main),
    env: { ...process.env, NODE_ENV: 'production', LOG_LEVEL: 'info', TEST_DATABASE_URL: '', PORT: '0', ...env },
  });
  let output = '';
  child.stdout.on('data', (d: Buffer) => (output += d.toString()));
  child.stderr.on('data', (d: Buffer) => (output += d.toString()));
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  const ready = new Promise<string>((resolve, reject) => {
    const timer = setInterval(() => {
      const match = /ready at (http:\/\/[\d.]+:\d+)/.exec(output);
      if (match) {
        clearInterval(timer);
        resolve(match[1]!);
      }
    }, 100);
    void exited.then(() => {
      clearInterval(timer);
      reject(new Error(`exited early:\n${output}`));
    });
  });
  return { child, exited, ready, output: () => output };
}

/** Reads server-sent events from a streaming response, one `data:` payload at a time. */
async function* sseData(body: ReadableStream<Uint8Array>): AsyncGenerator<string> {
  const decoder = new TextDecoder();
  let buffer = '';
  for await (const chunk of body as unknown as AsyncIterable<Uint8Array>) {
    buffer += decoder.decode(chunk, { stream: true });
    let end: number;
    while ((end = buffer.indexOf('\n\n')) >= 0) {
      const event = buffer.slice(0, end);
      buffer = buffer.slice(end + 2);
      const data = event
        .split('\n')
        .filter((l) => l.startsWith('data:'))
        .map((l) => l.slice(5).trim())
        .join('\n');
      if (data) yield data;
    }
  }
}

describe.runIf(adminUrl)('live updates across two server processes on one PostgreSQL', () => {
  const servers: ReturnType<typeof start>[] = [];
  afterAll(() => {
    for (const s of servers) s.child.kill('SIGKILL');
  });

  it('a write through process A reaches a client of process B within 2 s', async () => {
    // A copy of the run's migrated template, named after it so the global teardown drops it.
    const dbName = `${inject('pgTemplate')}_live_${Math.random().toString(36).slice(2, 8)}`;
    const client = new pg.Client({ connectionString: adminUrl });
    await client.connect();
    await client.query(`CREATE DATABASE ${dbName} TEMPLATE ${inject('pgTemplate')}`);
    await client.end();
    const env = {
      DATABASE_URL: withDatabase(adminUrl!, dbName),
      AUTH_SECRET: 'live-process-test-secret-0123456789abcdef',
      ADMIN_EMAIL: admin.email,
      ADMIN_PASSWORD: admin.password,
    };

    // A first: it seeds the plan and creates the admin; B then finds both.
    const a = start(env);
    servers.push(a);
    const urlA = await a.ready;
    const b = start(env);
    servers.push(b);
    const urlB = await b.ready;

    const signIn = await fetch(`${urlB}/api/auth/sign-in/email`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', origin: urlB },
      body: JSON.stringify(admin),
    });
    expect(signIn.status).toBe(200);
    const cookie = signIn.headers.getSetCookie().map((c) => c.split(';')[0]).join('; ');

    const ac = new AbortController();
    const stream = await fetch(`${urlB}/trpc/live.changes`, { headers: { cookie, accept: 'text/event-stream' }, signal: ac.signal });
    expect(stream.status).toBe(200);
    expect(stream.headers.get('content-type')).toMatch(/text\/event-stream/);
    const events = sseData(stream.body!);
    const nextEvent = async () => JSON.parse((await events.next()).value as string) as Record<string, unknown>;

    // The stream opens with tRPC's connection event, then our `ready`.
    expect(await nextEvent()).toBeDefined();
    expect(await nextEvent()).toMatchObject({ kind: 'ready' });

    const plan = (await (await fetch(`${urlA}/trpc/plans.current`, { headers: { cookie } })).json()) as {
      result: { data: { phases: { gates: { id: string; version: number }[] }[] } };
    };
    const gate = plan.result.data.phases.flatMap((p) => p.gates)[0]!;
    const wrote = Date.now();
    const update = await fetch(`${urlA}/trpc/gates.update`, {
      method: 'POST',
      headers: { cookie, 'content-type': 'application/json', origin: urlA },
      body: JSON.stringify({ id: gate.id, version: gate.version, ownerName: 'Changed through A' }),
    });
    expect(update.status).toBe(200);

    let event: Record<string, unknown>;
    do event = await nextEvent();
    while (event.kind !== 'change');
    expect(Date.now() - wrote).toBeLessThan(2_000);
    expect(event).toMatchObject({ kind: 'change', entityType: 'gate' });
    ac.abort();

    // SIGTERM ends the open streams first, so shutdown does not wait on them.
    const again = await fetch(`${urlB}/trpc/live.changes`, { headers: { cookie, accept: 'text/event-stream' } });
    const reader = again.body!.getReader();
    await reader.read();
    b.child.kill('SIGTERM');
    expect(await b.exited).toBe(0);
    expect(b.output()).toMatch(/bye/);
  }, 120_000);
});
