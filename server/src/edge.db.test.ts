// The edge of the HTTP server, tried as an attacker would: a page on another name rebound to this
// address (Host and Origin), text no field may hold (NUL, lone surrogates), bodies nested past any
// real input, and failures whose details must stay in the log (issue 13, items 2, 6 and 7).
import { Writable } from 'node:stream';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp, type AppOptions } from './app.js';
import type { AppServices } from './context.js';
import { seedIfEmpty } from './modules/seed/seed.service.js';
import { createServiceToken } from './modules/tokens/tokens.service.js';
import { createTestDb, TEST_PUBLIC_URL, testServices } from './test/test-db.js';

/** A logger whose JSON lines the test can read. */
function capturedLogger() {
  const lines: Record<string, unknown>[] = [];
  const stream = new Writable({
    write(chunk: Buffer, _enc, done) {
      for (const line of chunk.toString('utf8').split('\n').filter(Boolean)) lines.push(JSON.parse(line) as Record<string, unknown>);
      done();
    },
  });
  return { logger: pino({ level: 'info' }, stream), lines };
}

const json = { 'content-type': 'application/json' };
const firstAdmin = { name: 'Eve', email: 'eve@example.test', password: 'eve-has-a-long-passphrase' };

describe('Host and Origin (DNS rebinding)', async () => {
  const db = await createTestDb();
  const services = await testServices(db);
  const { logger, lines } = capturedLogger();
  const build = (extra: Partial<AppOptions> = {}) => buildApp(services, { logger, serveWeb: false, publicUrl: TEST_PUBLIC_URL, ...extra });
  const app = await build();
  afterAll(() => app.close());

  it('a rebound page (Host and Origin both evil.test) cannot create the first admin: 421, logged with the host', async () => {
    const res = await app.inject({ method: 'POST', url: '/trpc/users.createFirstAdmin', payload: firstAdmin, headers: { ...json, host: 'evil.test', origin: 'http://evil.test' } });
    expect(res.statusCode).toBe(421);
    expect(res.json().error).toMatch(/does not answer for the host "evil\.test".*ALLOWED_HOSTS/);
    expect(await db.prisma.user.count()).toBe(0);
    expect(lines.some((l) => l.host === 'evil.test' && /host this console is not configured for/.test(String(l.msg)))).toBe(true);
    // Reads are refused as well: a rebound page reads nothing either.
    expect((await app.inject({ method: 'GET', url: '/trpc/users.setupState', headers: { host: 'evil.test' } })).statusCode).toBe(421);
  });

  it("an Origin equal to the request's own Host is not enough: only PUBLIC_URL's origin is", async () => {
    // The console is configured to answer evil.test as a host, yet a page there is still another site.
    const lenient = await build({ allowedHosts: ['evil.test'] });
    const res = await lenient.inject({ method: 'POST', url: '/trpc/users.createFirstAdmin', payload: firstAdmin, headers: { ...json, host: 'evil.test', origin: 'http://evil.test' } });
    expect(res.statusCode).toBe(403);
    expect(await db.prisma.user.count()).toBe(0);
    await lenient.close();
  });

  it('answers PUBLIC_URL\'s host, ALLOWED_HOSTS, and loopback names only when bound to loopback', async () => {
    const status = async (a: typeof app, host: string) => (await a.inject({ method: 'GET', url: '/trpc/users.setupState', headers: { host } })).statusCode;
    expect(await status(app, '127.0.0.1:3000')).toBe(200);
    expect(await status(app, 'localhost:5173')).toBe(200); // the Vite dev proxy forwards its own Host
    expect(await status(app, '[::1]:3000')).toBe(200);
    expect(await status(app, 'console.example.test')).toBe(421);

    const behindProxy = await build({ publicUrl: 'https://console.example.test', allowedHosts: ['aionis-internal:3000', 'Console.Other.test'], allowLoopbackHosts: false });
    expect(await status(behindProxy, 'console.example.test')).toBe(200);
    expect(await status(behindProxy, 'CONSOLE.example.test:443')).toBe(200);
    expect(await status(behindProxy, 'aionis-internal:3000')).toBe(200);
    expect(await status(behindProxy, 'aionis-internal:3001')).toBe(421);
    expect(await status(behindProxy, 'console.other.test:8443')).toBe(200);
    expect(await status(behindProxy, 'localhost:3000')).toBe(421);
    expect(await status(behindProxy, 'console.example.test.evil.test')).toBe(421);
    // The health probe answers whatever name a container's checker uses.
    expect((await behindProxy.inject({ method: 'GET', url: '/healthz', headers: { host: 'localhost:3000' } })).statusCode).toBe(200);
    await behindProxy.close();
  });

  it('a write from an ALLOWED_ORIGINS origin goes through; one from anywhere else is 403', async () => {
    const withOrigin = await build({ allowedOrigins: ['https://admin.example.test'] });
    const write = (origin: string) =>
      withOrigin.inject({ method: 'POST', url: '/trpc/users.createFirstAdmin', payload: { ...firstAdmin, password: 'x' }, headers: { ...json, origin } });
    // A short password: the call reaches the procedure (400) without creating anyone.
    expect((await write('https://admin.example.test')).statusCode).toBe(400);
    expect((await write(TEST_PUBLIC_URL)).statusCode).toBe(400);
    expect((await write('https://other.example.test')).statusCode).toBe(403);
    await withOrigin.close();
  });
});

describe('text no field may hold, and nesting past the cap', async () => {
  const db = await createTestDb();
  const services = await testServices(db);
  const app = await buildApp(services, { logger: false, serveWeb: false, publicUrl: TEST_PUBLIC_URL });
  let cookie = '';
  beforeAll(async () => {
    await seedIfEmpty(db.prisma);
    await services.auth.api.createUser({ body: { name: 'Ada', email: 'ada@example.test', password: 'ada-has-a-long-passphrase', role: 'admin' } });
    const res = await app.inject({ method: 'POST', url: '/api/auth/sign-in/email', payload: { email: 'ada@example.test', password: 'ada-has-a-long-passphrase' } });
    cookie = String([res.headers['set-cookie']].flat()[0]).split(';')[0]!;
  });
  afterAll(() => app.close());

  const hostile = { nul: 'ada\u0000@example.test', high: 'pass\uD800word-long-enough', low: 'pass\uDC00word-long-enough' };
  const deep = (depth: number) => '{"a":'.repeat(depth) + '1' + '}'.repeat(depth);

  it('sign-in with a NUL or a lone surrogate: 400 naming the field, nothing recorded', async () => {
    const failures = await db.prisma.loginFailure.count();
    for (const [payload, field] of [
      [{ email: hostile.nul, password: 'whatever-long-enough' }, 'email'],
      [{ email: 'ada@example.test', password: hostile.high }, 'password'],
      [{ email: 'ada@example.test', password: hostile.low }, 'password'],
    ] as const) {
      const res = await app.inject({ method: 'POST', url: '/api/auth/sign-in/email', payload: JSON.stringify(payload), headers: json });
      expect(res.statusCode, JSON.stringify(payload)).toBe(400);
      expect(res.json()).toMatchObject({ error: expect.stringMatching(new RegExp(`^${field} `)), issues: [{ path: field }] });
    }
    expect(await db.prisma.loginFailure.count()).toBe(failures);
  });

  it('a 10,000-deep JSON body on sign-in and on a procedure: 400, not 500', async () => {
    const signIn = await app.inject({ method: 'POST', url: '/api/auth/sign-in/email', payload: deep(10_000), headers: json });
    expect(signIn.statusCode).toBe(400);
    expect(signIn.json().error).toMatch(/nests deeper than 32 levels/);
    const trpc = await app.inject({ method: 'POST', url: '/trpc/partners.create', payload: deep(10_000), headers: { ...json, cookie } });
    expect(trpc.statusCode).toBe(400);
    expect(trpc.json().error.message).toMatch(/nests deeper than 32 levels/);
  });

  it('a procedure over HTTP: 400 naming the field, in tRPC\'s shape, nothing written', async () => {
    const partners = await db.prisma.partner.count();
    for (const [text, why] of [
      ['Acme\u0000Corp', /company must not contain a NUL character/],
      ['Acme \uD83D Corp', /company is not valid Unicode text/],
    ] as const) {
      const res = await app.inject({
        method: 'POST',
        url: '/trpc/partners.create',
        payload: JSON.stringify({ company: text, segment: 'AI_INFRA', package: 'OSS', track: 'HOSTED' }),
        headers: { ...json, cookie },
      });
      expect(res.statusCode).toBe(400);
      expect(res.json().error.message).toMatch(why);
      expect(res.json().error.data.fieldIssues).toEqual([{ path: 'company', message: expect.any(String) }]);
    }
    // In a query's input, in the URL: the same.
    const query = await app.inject({ method: 'GET', url: `/trpc/partners.list?input=${encodeURIComponent(JSON.stringify({ q: 'x\u0000' }))}`, headers: { cookie } });
    expect(query.statusCode).toBe(400);
    expect(query.json().error.data.fieldIssues[0].path).toBe('q');
    expect(await db.prisma.partner.count()).toBe(partners);
    // A well-formed pair (an emoji) is fine.
    const ok = await app.inject({ method: 'POST', url: '/trpc/partners.create', payload: { company: 'Acme 🚀', segment: 'AI_INFRA', package: 'OSS', track: 'HOSTED' }, headers: { ...json, cookie } });
    expect(ok.statusCode).toBe(200);
  });

  it('signed-in tRPC answers are never cached', async () => {
    const res = await app.inject({ method: 'GET', url: '/trpc/users.me', headers: { cookie } });
    expect(res.statusCode).toBe(200);
    expect(res.headers['cache-control']).toBe('no-store');
    const error = await app.inject({ method: 'GET', url: '/trpc/partners.byId?input=%7B%22id%22%3A%22nope%22%7D', headers: { cookie } });
    expect(error.headers['cache-control']).toBe('no-store');
  });
});

describe('5xx bodies outside tRPC say nothing but the request id', async () => {
  const db = await createTestDb();
  const base = await testServices(db);
  const SECRET = 'Invalid `prisma.loginFailure.groupBy()` invocation: invalid byte sequence 0x00';
  const { logger, lines } = capturedLogger();

  /** The request's log lines, by the request id the body names. */
  const logged = (requestId: string) => lines.filter((l) => l.reqId === requestId).map((l) => JSON.stringify(l)).join('\n');
  const expectGeneric = (res: { statusCode: number; json(): unknown }) => {
    expect(res.statusCode).toBe(500);
    const body = res.json() as { requestId: string };
    expect(body).toEqual({ error: 'Internal error', requestId: expect.stringMatching(/.+/) });
    return body.requestId;
  };

  it('/api/auth: a thrown error and a 500 from Better Auth', async () => {
    const throwing = { ...base.auth, handler: async () => Promise.reject(new Error(SECRET)) } as unknown as AppServices['auth'];
    const app = await buildApp({ ...base, auth: throwing }, { logger, serveWeb: false, publicUrl: TEST_PUBLIC_URL });
    const thrown = await app.inject({ method: 'POST', url: '/api/auth/sign-out', payload: {}, headers: json });
    const id = expectGeneric(thrown);
    expect(thrown.body).not.toMatch(/prisma|0x00/);
    expect(logged(id)).toContain('loginFailure.groupBy');
    await app.close();

    const failing = { ...base.auth, handler: async () => new Response(JSON.stringify({ message: SECRET }), { status: 500, headers: json }) } as unknown as AppServices['auth'];
    const app2 = await buildApp({ ...base, auth: failing }, { logger, serveWeb: false, publicUrl: TEST_PUBLIC_URL });
    const answered = await app2.inject({ method: 'GET', url: '/api/auth/get-session' });
    const id2 = expectGeneric(answered);
    expect(answered.body).not.toMatch(/prisma|0x00/);
    expect(logged(id2)).toContain('loginFailure.groupBy');
    await app2.close();
  });

  it('the metrics push', async () => {
    const admin = await db.prisma.user.create({ data: { id: 'admin-1', name: 'Ada', email: 'ada@example.test', role: 'admin', emailVerified: true } });
    const { token } = await createServiceToken(db.prisma, { userId: admin.id, name: admin.name, role: 'admin', requestId: 'test' }, { name: 'pipeline', role: 'pm', scopes: ['metrics:write'], expiresOn: null });
    // The database fails when the values are written.
    const prisma = new Proxy(db.prisma, {
      get: (target, prop, receiver) => (prop === '$transaction' ? () => Promise.reject(new Error(SECRET)) : Reflect.get(target, prop, receiver)),
    });
    const app = await buildApp({ ...base, db: { ...db, prisma } as AppServices['db'] }, { logger, serveWeb: false, publicUrl: TEST_PUBLIC_URL });
    const res = await app.inject({
      method: 'POST',
      url: '/api/metrics/values',
      payload: { values: [{ metric: 'signups', week: '2026-03-09', value: 1 }] },
      headers: { authorization: `Bearer ${token}` },
    });
    const id = expectGeneric(res);
    expect(logged(id)).toContain('loginFailure.groupBy');
    await app.close();
  });

  it('any other route (static files, anything added later)', async () => {
    const app = await buildApp(base, { logger, serveWeb: false, publicUrl: TEST_PUBLIC_URL });
    app.get('/api/boom', async () => {
      throw Object.assign(new Error(SECRET), { statusCode: 503 });
    });
    const res = await app.inject({ method: 'GET', url: '/api/boom', headers: { 'x-request-id': 'boom-1' } });
    expect(expectGeneric(res)).toBe('boom-1');
    expect(logged('boom-1')).toContain('loginFailure.groupBy');
    // A 4xx keeps its message: it is about the request, not the server.
    const bad = await app.inject({ method: 'POST', url: '/api/auth/sign-in/email', payload: '{"email":', headers: json });
    expect(bad.statusCode).toBe(400);
    await app.close();
  });
});
