// Live updates across processes: two servers on one PostgreSQL database; a write through one reaches a
// client streaming from the other, through LISTEN/NOTIFY. Needs TEST_DATABASE_URL (skipped otherwise).
import pg from 'pg';
import { afterAll, describe, expect, inject, it } from 'vitest';
import { withDatabase } from '../../test/global-setup.js';
import { startServerProcess, type ServerProcess } from '../../test/server-process.js';

const adminUrl = process.env.TEST_DATABASE_URL;
const admin = { email: 'live-admin@example.test', password: 'live-admin-password' };

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
  const servers: ServerProcess[] = [];
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
    const a = startServerProcess(env);
    servers.push(a);
    const urlA = await a.ready;
    const b = startServerProcess(env);
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
    /** The next event, or a failure naming what was awaited once `deadline` (epoch ms) passes or the stream ends. */
    const nextEvent = async (deadline: number, awaiting: string) => {
      let timer: NodeJS.Timeout | undefined;
      const late = new Promise<never>((_, reject) => {
        timer = setTimeout(() => reject(new Error(`no ${awaiting} event by the deadline`)), Math.max(0, deadline - Date.now()));
      });
      try {
        const next = await Promise.race([events.next(), late]);
        if (next.done) throw new Error(`the stream ended before the ${awaiting} event`);
        return JSON.parse(next.value) as Record<string, unknown>;
      } finally {
        clearTimeout(timer);
      }
    };

    // The stream opens with tRPC's connection event (the client's reconnect setting, trpc.ts), then our `ready`.
    const opened = Date.now() + 10_000;
    expect(await nextEvent(opened, 'connected')).toEqual({ reconnectAfterInactivityMs: 40_000 });
    expect(await nextEvent(opened, 'ready')).toMatchObject({ kind: 'ready' });

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

    // Fails at the 2 s the test promises, not at the test's own timeout.
    let event: Record<string, unknown>;
    do event = await nextEvent(wrote + 2_000, 'change');
    while (event.kind !== 'change');
    expect(Date.now() - wrote).toBeLessThan(2_000);
    expect(event).toMatchObject({ kind: 'change', entityType: 'gate' });
    ac.abort();

    // SIGTERM ends the open streams first, so shutdown does not wait on them.
    const again = await fetch(`${urlB}/trpc/live.changes`, { headers: { cookie, accept: 'text/event-stream' } });
    const reader = again.body!.getReader();
    await reader.read();
    b.child.kill('SIGTERM');
    expect(await Promise.race([b.exited, new Promise((resolve) => setTimeout(() => resolve('still running 10 s after SIGTERM'), 10_000))])).toBe(0);
    expect(b.output()).toMatch(/bye/);
  }, 120_000);
});
