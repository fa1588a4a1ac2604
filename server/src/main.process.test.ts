// The server as a process: configuration errors stop it with a clear message, and SIGTERM shuts it
// down cleanly: requests in flight finish, live streams end, and it exits even when nobody reads
// its log.
import { spawn } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import http from 'node:http';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';

const main = fileURLToPath(new URL('./main.ts', import.meta.url));
const admin = { email: 'process-admin@example.test', password: 'process-admin-password' };

const dataDirs: string[] = [];
const children: ReturnType<typeof spawn>[] = [];
afterEach(async () => {
  for (const child of children.splice(0)) child.kill('SIGKILL');
  for (const dir of dataDirs.splice(0)) await rm(dir, { recursive: true, force: true });
});

/** Starts the server on a fresh data directory; with `readStdout: false` its log pipe is left unread. */
async function start(env: Record<string, string>, { readStdout = true } = {}) {
  const dataDir = await mkdtemp(path.join(os.tmpdir(), 'aionis-process-'));
  dataDirs.push(dataDir);
  const child = spawn(process.execPath, ['--import', 'tsx', main], {
    cwd: path.dirname(main),
    env: { ...process.env, NODE_ENV: 'production', LOG_LEVEL: 'info', DATABASE_URL: '', TEST_DATABASE_URL: '', PORT: '0', DATA_DIR: dataDir, ...env },
  });
  children.push(child);
  let output = '';
  if (readStdout) child.stdout.on('data', (d: Buffer) => (output += d.toString()));
  child.stderr.on('data', (d: Buffer) => (output += d.toString()));
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  return { child, exited, output: () => output };
}

type Server = Awaited<ReturnType<typeof start>>;

/** Resolves when `predicate` holds (checked every 50 ms), rejects if the server exits first. */
function until<T>(server: Server, predicate: () => T | undefined | false, what: string): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const timer = setInterval(() => {
      const value = predicate();
      if (value) {
        clearInterval(timer);
        resolve(value);
      }
    }, 50);
    void server.exited.then(() => {
      clearInterval(timer);
      reject(new Error(`exited before ${what}:\n${server.output()}`));
    });
  });
}

const readyUrl = (server: Server) => until(server, () => /ready at (http:\/\/[\d.]+:\d+)/.exec(server.output())?.[1], 'ready');

/** The exit code, or 'still running' if the process has not exited within `ms`. */
const exitWithin = (server: Server, ms: number) =>
  Promise.race([server.exited, new Promise<'still running'>((resolve) => setTimeout(() => resolve('still running'), ms))]);

/** Whether a new TCP connection to `url` is accepted. */
const accepts = (url: string) =>
  new Promise<boolean>((resolve) => {
    const { hostname, port } = new URL(url);
    const socket = net.connect(Number(port), hostname);
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
  });

describe('the server process', () => {
  it('stops at start-up with a message naming a bad variable', async () => {
    const server = await start({ PORT: 'eighty' });
    expect(await server.exited).toBe(1);
    expect(server.output()).toMatch(/PORT/);
  }, 30_000);

  it('serves, then shuts down cleanly on SIGTERM', async () => {
    const server = await start({});
    const url = await readyUrl(server);
    const health = await fetch(`${url}/healthz`);
    expect(health.status).toBe(200);
    server.child.kill('SIGTERM');
    expect(await server.exited).toBe(0);
    expect(server.output()).toMatch(/shutting down/);
    expect(server.output()).toMatch(/bye/);
  }, 120_000);

  it('on SIGTERM finishes the request in flight and ends live streams, refuses new connections, then exits 0', async () => {
    const server = await start({ AUTH_SECRET: 'process-test-secret-0123456789abcdef', ADMIN_EMAIL: admin.email, ADMIN_PASSWORD: admin.password });
    const url = await readyUrl(server);
    const signIn = await fetch(`${url}/api/auth/sign-in/email`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', origin: url },
      body: JSON.stringify(admin),
    });
    expect(signIn.status).toBe(200);
    const cookie = signIn.headers.getSetCookie().map((c) => c.split(';')[0]).join('; ');

    // A live-update stream: it stays open until the server ends it.
    const live = await fetch(`${url}/trpc/live.changes`, { headers: { cookie, accept: 'text/event-stream' } });
    expect(live.status).toBe(200);
    const liveReader = live.body!.getReader();
    await liveReader.read();
    const liveEnded = (async () => {
      try {
        while (!(await liveReader.read()).done);
      } catch {
        // the connection was closed under the stream: ended as well
      }
      return true;
    })();

    // A request in flight: its headers and the start of its body sent, the rest held back until after SIGTERM.
    const body = Buffer.from(JSON.stringify(admin));
    const inFlight = http.request(`${url}/api/auth/sign-in/email`, {
      method: 'POST',
      agent: false,
      headers: { 'content-type': 'application/json', 'content-length': body.length, origin: url },
    });
    const response = new Promise<number>((resolve, reject) => {
      inFlight.once('response', (res) => {
        res.resume();
        res.once('end', () => resolve(res.statusCode!));
      });
      inFlight.once('error', reject);
    });
    inFlight.write(body.subarray(0, 10));
    await new Promise((resolve) => setTimeout(resolve, 300));

    server.child.kill('SIGTERM');
    await until(server, () => /shutting down/.test(server.output()), 'shutting down');
    expect(await Promise.race([liveEnded, new Promise((resolve) => setTimeout(() => resolve('still open'), 5_000))])).toBe(true);
    let refused = false;
    for (let i = 0; i < 50 && !refused; i++) {
      refused = !(await accepts(url));
      if (!refused) await new Promise((resolve) => setTimeout(resolve, 100));
    }
    expect(refused).toBe(true);
    expect(server.child.exitCode).toBeNull(); // still waiting for the request in flight

    inFlight.end(body.subarray(10));
    expect(await response).toBe(200);
    expect(await exitWithin(server, 5_000)).toBe(0);
    expect(server.output()).toMatch(/bye/);
  }, 120_000);

  it('exits on SIGTERM even when nobody reads its log and the pipe is full', async () => {
    // Its log is unread, so the URL comes from a port chosen here rather than from the log.
    const port = await freePort();
    const server = await start({ PORT: String(port), SHUTDOWN_TIMEOUT_MS: '2000' }, { readStdout: false });
    const url = `http://127.0.0.1:${port}`;
    for (let up = false; !up; ) {
      if (server.child.exitCode !== null) throw new Error(`exited early:\n${server.output()}`);
      up = await fetch(`${url}/healthz`).then((r) => r.ok, () => false);
      if (!up) await new Promise((resolve) => setTimeout(resolve, 200));
    }
    // Each request logs two lines (~450 bytes): 3,000 of them are far more than a pipe holds.
    for (let batch = 0; batch < 60; batch++) {
      await Promise.all(Array.from({ length: 50 }, () => fetch(`${url}/healthz`).then((r) => r.arrayBuffer())));
    }
    server.child.kill('SIGTERM');
    expect(await exitWithin(server, 10_000)).toBe(0);
  }, 120_000);
});

function freePort() {
  return new Promise<number>((resolve, reject) => {
    const probe = net.createServer().listen(0, '127.0.0.1', () => {
      const { port } = probe.address() as net.AddressInfo;
      probe.close(() => resolve(port));
    });
    probe.once('error', reject);
  });
}
