// `pnpm dev` as a developer runs it: the API server with reload and Vite with hot reload, signed in to
// through Vite's port, as the browser would be. Vite forwards /trpc, /api and /healthz to the server,
// which takes Vite's address as its public URL.
import { spawn } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const repoRoot = fileURLToPath(new URL('../..', import.meta.url));
const apiPort = 3950 + (process.pid % 40);
const webPort = apiPort + 1000;
const web = `http://localhost:${webPort}`;
const admin = { email: 'dev-admin@example.test', password: 'dev-admin-password-long' };

let child: ReturnType<typeof spawn>;
let dataDir: string;
let output = '';

beforeAll(async () => {
  dataDir = await mkdtemp(path.join(os.tmpdir(), 'aionis-dev-'));
  const env: Record<string, string | undefined> = {
    ...process.env,
    PORT: String(apiPort),
    WEB_PORT: String(webPort),
    DATA_DIR: dataDir,
    DATABASE_URL: '',
    TEST_DATABASE_URL: '',
    PUBLIC_URL: '',
    NODE_ENV: 'development',
    LOG_LEVEL: 'info',
    LINK_CHECK_CRON: 'off',
    ADMIN_EMAIL: admin.email,
    ADMIN_PASSWORD: admin.password,
  };
  // Its own process group, so the whole tree (concurrently, tsx, Vite) is stopped at the end.
  child = spawn('pnpm', ['dev'], { cwd: repoRoot, env, detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
  child.stdout!.on('data', (d: Buffer) => (output += d.toString()));
  child.stderr!.on('data', (d: Buffer) => (output += d.toString()));
  const deadline = Date.now() + 90_000;
  let exited = false;
  child.on('exit', () => (exited = true));
  // Ready when the API answers through Vite's proxy.
  for (;;) {
    if (exited) throw new Error(`pnpm dev exited:\n${output}`);
    if (Date.now() > deadline) throw new Error(`pnpm dev did not answer on ${web}/healthz within 90 s:\n${output}`);
    const ok = await fetch(`${web}/healthz`).then((r) => r.ok, () => false);
    if (ok) break;
    await new Promise((r) => setTimeout(r, 250));
  }
}, 120_000);

afterAll(async () => {
  if (child?.pid) {
    try {
      process.kill(-child.pid, 'SIGTERM');
    } catch {
      // already gone
    }
    await new Promise((r) => setTimeout(r, 1000));
    try {
      process.kill(-child.pid, 'SIGKILL');
    } catch {
      // already gone
    }
  }
  if (dataDir) await rm(dataDir, { recursive: true, force: true });
});

describe('pnpm dev', () => {
  it('signs in through the Vite port and reads the signed-in user over tRPC', async () => {
    const signIn = await fetch(`${web}/api/auth/sign-in/email`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', origin: web },
      body: JSON.stringify(admin),
    });
    expect(signIn.status, await signIn.clone().text()).toBe(200);
    const cookie = signIn.headers.getSetCookie().map((c) => c.split(';')[0]).join('; ');
    expect(cookie).toMatch(/session_token=/);

    const me = await fetch(`${web}/trpc/users.me`, { headers: { cookie } });
    expect(me.status).toBe(200);
    const body = (await me.json()) as { result: { data: { email: string; role: string } | null } };
    expect(body.result.data).toMatchObject({ email: admin.email, role: 'admin' });
  });

  it('pretty-prints its log and keeps health probes out of it', async () => {
    await fetch(`${web}/healthz`);
    await fetch(`${web}/healthz`);
    await new Promise((r) => setTimeout(r, 300));
    // pino-pretty's lines, not JSON lines.
    expect(output).toMatch(/INFO.*Aionis GTM console ready/);
    expect(output).not.toMatch(/^\S*\s*\{"level":/m);
    expect(output).not.toMatch(/"url":"\/healthz"|url: "\/healthz"/);
  });

});
