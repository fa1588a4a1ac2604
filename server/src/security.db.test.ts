// Security guarantees over HTTP, one test each (docs/reliability.md lists them with the tests that prove
// them). Already proved elsewhere, and not repeated here:
// - HttpOnly, SameSite=Lax, not Secure over http; sign-in throttled per account and per address (429);
//   a cross-site tRPC mutation is 403; deactivating or revoking ends a session (users.me is null):
//   auth/auth.db.test.ts.
// - the metrics token opens no tRPC read or write (metrics.list, metrics.setValues, tokens.list):
//   modules/metrics/metrics.db.test.ts.
import { createHash } from 'node:crypto';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from './app.js';
import { createAuth } from './auth/auth.js';
import { createTestDb, TEST_PUBLIC_URL, testServices } from './test/test-db.js';
import { seedIfEmpty } from './modules/seed/seed.service.js';
import { createServiceToken } from './modules/tokens/tokens.service.js';

const INLINE_SCRIPT = "document.documentElement.dataset.x = '1';";
const HTTPS_PUBLIC_URL = 'https://console.example.test';
const EVIL = 'https://evil.example';

describe('security over HTTP', async () => {
  const db = await createTestDb();
  const services = await testServices(db);
  const webDir = await mkdtemp(path.join(os.tmpdir(), 'aionis-web-'));
  await writeFile(path.join(webDir, 'index.html'), `<!doctype html><html><head><script>${INLINE_SCRIPT}</script></head><body><div id="root"></div><script type="module" src="/assets/app.js"></script></body></html>`);
  const app = await buildApp(services, { logger: false, webDir, publicUrl: TEST_PUBLIC_URL });
  afterAll(async () => {
    await app.close();
    await rm(webDir, { recursive: true, force: true });
  });

  const adminEmail = 'ada@example.test';
  const adminPassword = 'ada-has-a-long-passphrase';
  const signIn = async (email: string, password: string, headers: Record<string, string> = {}) => {
    const res = await app.inject({ method: 'POST', url: '/api/auth/sign-in/email', payload: { email, password }, headers });
    const cookie = [res.headers['set-cookie']].flat().filter(Boolean).map((c) => String(c).split(';')[0]).join('; ');
    return { status: res.statusCode, cookie };
  };
  let adminCookie = '';

  beforeAll(async () => {
    await seedIfEmpty(db.prisma);
    await services.auth.api.createUser({ body: { name: 'Ada', email: adminEmail, password: adminPassword, role: 'admin' } });
    adminCookie = (await signIn(adminEmail, adminPassword)).cookie;
    expect(adminCookie).toMatch(/aionis\.session_token=/);
  });

  describe('headers', () => {
    const expectSecurityHeaders = (headers: Record<string, unknown>) => {
      const csp = String(headers['content-security-policy']);
      for (const directive of [
        "default-src 'self'",
        "style-src 'self' 'unsafe-inline'",
        "img-src 'self' data:",
        "connect-src 'self'",
        "font-src 'self' data:",
        "frame-ancestors 'none'",
        "base-uri 'self'",
        "form-action 'self'",
        "object-src 'none'",
      ]) {
        expect(csp.split(';')).toContain(directive);
      }
      expect(csp).not.toMatch(/unsafe-eval/);
      expect(csp.split(';').find((d) => d.startsWith('script-src'))).not.toMatch(/unsafe-inline/);
      expect(headers['x-content-type-options']).toBe('nosniff');
      expect(headers['x-frame-options']).toBe('DENY');
      expect(headers['referrer-policy']).toBe('strict-origin-when-cross-origin');
      expect(headers['x-powered-by']).toBeUndefined();
    };

    it('the SPA shell: the policy allows its one inline script by hash, and no other inline script', async () => {
      const res = await app.inject({ method: 'GET', url: '/plan' });
      expect(res.statusCode).toBe(200);
      expect(res.headers['content-type']).toMatch(/text\/html/);
      expectSecurityHeaders(res.headers);
      const hash = createHash('sha256').update(INLINE_SCRIPT).digest('base64');
      expect(String(res.headers['content-security-policy']).split(';')).toContain(`script-src 'self' 'sha256-${hash}'`);
    });

    it('JSON, tRPC, auth, metrics push and not-found answers carry them too; no HSTS over http', async () => {
      const answers = await Promise.all([
        app.inject({ method: 'GET', url: '/healthz' }),
        app.inject({ method: 'GET', url: '/trpc/plans.current', headers: { cookie: adminCookie } }),
        app.inject({ method: 'GET', url: '/trpc/plans.current' }),
        app.inject({ method: 'GET', url: '/api/auth/get-session', headers: { cookie: adminCookie } }),
        app.inject({ method: 'POST', url: '/api/metrics/values', payload: { values: [] } }),
        app.inject({ method: 'GET', url: '/api/nothing-here' }),
      ]);
      expect(answers.map((r) => r.statusCode)).toEqual([200, 200, 401, 200, 401, 404]);
      for (const res of answers) {
        expectSecurityHeaders(res.headers);
        expect(res.headers['strict-transport-security']).toBeUndefined();
      }
    });
  });

  describe('served over https', async () => {
    const httpsServices = { ...services, auth: await createAuth(db.prisma, { publicUrl: HTTPS_PUBLIC_URL, secret: 'test-secret-test-secret-test-secret', sessionIdleDays: 7 }) };
    const httpsApp = await buildApp(httpsServices, { logger: false, serveWeb: false, publicUrl: HTTPS_PUBLIC_URL });
    afterAll(() => httpsApp.close());

    it('sends HSTS, and the session cookie is Secure, HttpOnly, SameSite=Lax and Path=/', async () => {
      const res = await httpsApp.inject({ method: 'POST', url: '/api/auth/sign-in/email', payload: { email: adminEmail, password: adminPassword }, headers: { origin: HTTPS_PUBLIC_URL } });
      expect(res.statusCode).toBe(200);
      expect(res.headers['strict-transport-security']).toMatch(/max-age=31536000/);
      const session = [res.headers['set-cookie']].flat().map(String).find((c) => c.startsWith('__Secure-aionis.session_token='));
      expect(session).toBeDefined();
      const attributes = session!.split(';').slice(1).map((a) => a.trim().toLowerCase());
      expect(attributes).toEqual(expect.arrayContaining(['secure', 'httponly', 'samesite=lax', 'path=/']));
    });
  });

  describe('cookies and cross-site requests', () => {
    it('the http session cookie has Path=/ (its other flags: auth.db.test.ts)', async () => {
      const res = await app.inject({ method: 'POST', url: '/api/auth/sign-in/email', payload: { email: adminEmail, password: adminPassword } });
      const session = [res.headers['set-cookie']].flat().map(String).find((c) => c.startsWith('aionis.session_token='));
      expect(session!.split(';').map((a) => a.trim().toLowerCase())).toContain('path=/');
    });

    it('a tRPC mutation from another origin is 403 and writes nothing, even with a valid session', async () => {
      const users = await db.prisma.user.count();
      for (const origin of [EVIL, 'null', `${TEST_PUBLIC_URL}.evil.example`]) {
        const res = await app.inject({
          method: 'POST',
          url: '/trpc/users.create',
          payload: { name: 'Mallory', email: 'mallory@example.test', role: 'admin' },
          headers: { cookie: adminCookie, origin },
        });
        expect(res.statusCode).toBe(403);
      }
      expect(await db.prisma.user.count()).toBe(users);
      // The same request from the console's own origin goes through: the refusal is about the origin.
      const own = await app.inject({
        method: 'POST',
        url: '/trpc/users.create',
        payload: { name: 'Mallory', email: 'mallory@example.test', role: 'viewer' },
        headers: { cookie: adminCookie, origin: TEST_PUBLIC_URL },
      });
      expect(own.statusCode).toBe(200);
      expect(await db.prisma.user.count()).toBe(users + 1);
    });

    it('/api/auth from another origin is 403: no sign-in, no sign-out', async () => {
      const sessions = await db.prisma.session.count();
      expect((await signIn(adminEmail, adminPassword, { origin: EVIL })).status).toBe(403);
      expect(await db.prisma.session.count()).toBe(sessions);
      const signOut = await app.inject({ method: 'POST', url: '/api/auth/sign-out', payload: {}, headers: { cookie: adminCookie, origin: EVIL } });
      expect(signOut.statusCode).toBe(403);
      expect(await db.prisma.session.count()).toBe(sessions);
      expect((await app.inject({ method: 'GET', url: '/trpc/plans.current', headers: { cookie: adminCookie } })).statusCode).toBe(200);
    });
  });

  describe('no open redirect', async () => {
    // Better Auth skips its origin and callbackURL checks when NODE_ENV is test (its default for
    // advanced.disableOriginCheck); this app gets them back, as in production.
    const checkedAuth = await createAuth(db.prisma, { publicUrl: TEST_PUBLIC_URL, secret: 'test-secret-test-secret-test-secret', sessionIdleDays: 7 });
    (await checkedAuth.$context).skipOriginCheck = false;
    const checkedApp = await buildApp({ ...services, auth: checkedAuth }, { logger: false, serveWeb: false, publicUrl: TEST_PUBLIC_URL });
    afterAll(() => checkedApp.close());
    const signInWith = (callbackURL: string) =>
      checkedApp.inject({ method: 'POST', url: '/api/auth/sign-in/email', payload: { email: adminEmail, password: adminPassword, callbackURL }, headers: { origin: TEST_PUBLIC_URL } });

    it('sign-in refuses a callbackURL on another origin: 403, no session; a local path is fine', async () => {
      const sessions = await db.prisma.session.count();
      for (const callbackURL of [`${EVIL}/phish`, '//evil.example/phish', 'javascript:alert(1)']) {
        const res = await signInWith(callbackURL);
        expect(res.statusCode).toBe(403);
        expect(res.headers['set-cookie']).toBeUndefined();
        expect(res.headers.location).toBeUndefined();
      }
      expect(await db.prisma.session.count()).toBe(sessions);
      for (const callbackURL of ['/plan', `${TEST_PUBLIC_URL}/plan`]) expect((await signInWith(callbackURL)).statusCode).toBe(200);
    });
  });

  describe('sessions ended by an admin', () => {
    // auth.db.test.ts shows users.me turning null; here a protected procedure answers 401 to the old cookie.
    const victimEmail = 'vic@example.test';
    const victimPassword = 'vic-has-a-long-passphrase';

    it('after revokeSessions or deactivate, the old cookie is 401 on the very next request', async () => {
      const { user } = await services.auth.api.createUser({ body: { name: 'Vic', email: victimEmail, password: victimPassword, role: 'pm' as 'admin' } });
      const read = (cookie: string) => app.inject({ method: 'GET', url: '/trpc/plans.current', headers: { cookie } });

      const first = await signIn(victimEmail, victimPassword);
      expect((await read(first.cookie)).statusCode).toBe(200);
      const revoked = await app.inject({ method: 'POST', url: '/trpc/users.revokeSessions', payload: { userId: user.id }, headers: { cookie: adminCookie } });
      expect(revoked.statusCode).toBe(200);
      expect((await read(first.cookie)).statusCode).toBe(401);

      const second = await signIn(victimEmail, victimPassword);
      expect((await read(second.cookie)).statusCode).toBe(200);
      const deactivated = await app.inject({ method: 'POST', url: '/trpc/users.deactivate', payload: { userId: user.id }, headers: { cookie: adminCookie } });
      expect(deactivated.statusCode).toBe(200);
      expect((await read(second.cookie)).statusCode).toBe(401);
    });
  });

  describe('a metrics API token', () => {
    let bearer = { authorization: '' };
    beforeAll(async () => {
      const admin = await db.prisma.user.findUniqueOrThrow({ where: { email: adminEmail } });
      const { token } = await createServiceToken(db.prisma, { userId: admin.id, name: admin.name, role: 'admin', requestId: 'test' }, { name: 'pipeline', role: 'pm', scopes: ['metrics:write'], expiresOn: null });
      bearer = { authorization: `Bearer ${token}` };
      // Good for its own route, so the refusals below are about where it is used.
      expect((await app.inject({ method: 'POST', url: '/api/metrics/values', payload: { values: [] }, headers: bearer })).statusCode).toBe(400);
    });

    it('is not a session: tRPC reads and mutations are 401, users.me is nobody, and nothing changes', async () => {
      const [users, tokens] = [await db.prisma.user.count(), await db.prisma.apiToken.count()];
      expect((await app.inject({ method: 'GET', url: '/trpc/plans.current', headers: bearer })).statusCode).toBe(401);
      expect((await app.inject({ method: 'GET', url: '/trpc/users.me', headers: bearer })).json().result.data).toBeNull();
      const writes = await Promise.all([
        app.inject({ method: 'POST', url: '/trpc/users.create', payload: { name: 'Bot', email: 'bot@example.test', role: 'admin' }, headers: bearer }),
        app.inject({ method: 'POST', url: '/trpc/tokens.create', payload: { name: 'another' }, headers: bearer }),
        app.inject({ method: 'POST', url: '/trpc/users.revokeSessions', payload: { userId: 'x' }, headers: bearer }),
      ]);
      expect(writes.map((r) => r.statusCode)).toEqual([401, 401, 401]);
      expect([await db.prisma.user.count(), await db.prisma.apiToken.count()]).toEqual([users, tokens]);
    });

    it('is not a user to Better Auth: no session, no admin endpoint', async () => {
      const session = await app.inject({ method: 'GET', url: '/api/auth/get-session', headers: bearer });
      expect(session.statusCode).toBe(200);
      expect(session.json()).toBeNull();
      // Better Auth's other endpoints are closed to everyone (auth/auth-routes.ts).
      expect((await app.inject({ method: 'GET', url: '/api/auth/admin/list-users', headers: bearer })).statusCode).toBe(404);
      const password = await app.inject({ method: 'POST', url: '/api/auth/change-password', payload: { currentPassword: 'x', newPassword: 'a-new-long-passphrase' }, headers: bearer });
      expect(password.statusCode).toBe(404);
    });
  });
});
