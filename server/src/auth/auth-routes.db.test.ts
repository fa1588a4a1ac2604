// Better Auth's own HTTP endpoints: only the allow list answers; every other route it registers is 404,
// so nothing changes a user around the audited services (set-role, ban, remove, impersonate, …).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../app.js';
import { createTestDb, TEST_PUBLIC_URL, testServices } from '../test/test-db.js';
import { AUTH_BASE_PATH, allowedAuthRoutes } from './auth-routes.js';

interface RegisteredEndpoint {
  path?: string;
  options?: { method?: string | string[]; metadata?: { SERVER_ONLY?: boolean } };
}

describe('the routes under /api/auth', async () => {
  const db = await createTestDb();
  const services = await testServices(db);
  const app = await buildApp(services, { logger: false, serveWeb: false, publicUrl: TEST_PUBLIC_URL });
  afterAll(() => app.close());

  // Every route Better Auth registers, as its router would match them: path and methods per endpoint.
  const registered = Object.entries(services.auth.api as unknown as Record<string, RegisteredEndpoint>)
    .filter(([, endpoint]) => typeof endpoint.path === 'string' && !endpoint.options?.metadata?.SERVER_ONLY)
    .flatMap(([name, endpoint]) => {
      const methods = [endpoint.options?.method ?? '*'].flat();
      return (methods.includes('*') ? ['GET', 'POST'] : methods).map((method) => ({ name, method, path: endpoint.path! }));
    });
  const allowed = (r: { method: string; path: string }) => allowedAuthRoutes.some((a) => a.method === r.method && a.path === r.path);

  const password = 'a-long-and-unusual-passphrase';
  let adminCookie = '';
  let viewerCookie = '';
  let viewerId = '';
  beforeAll(async () => {
    await services.auth.api.createUser({ body: { name: 'Ada', email: 'ada@example.test', password, role: 'admin' } });
    viewerId = (await services.auth.api.createUser({ body: { name: 'Vic', email: 'vic@example.test', password, role: 'viewer' as 'admin' } })).user.id;
    const signIn = async (email: string) => {
      const res = await app.inject({ method: 'POST', url: `${AUTH_BASE_PATH}/sign-in/email`, payload: { email, password } });
      expect(res.statusCode).toBe(200);
      return [res.headers['set-cookie']].flat().map((c) => String(c).split(';')[0]).join('; ');
    };
    adminCookie = await signIn('ada@example.test');
    viewerCookie = await signIn('vic@example.test');
  });

  it('Better Auth registers what we think it does, and the allow list names only routes it has', () => {
    expect(registered.length).toBeGreaterThan(40);
    for (const path of ['/admin/set-role', '/admin/ban-user', '/admin/remove-user', '/admin/impersonate-user', '/update-user', '/change-password']) {
      expect(registered.map((r) => r.path)).toContain(path);
    }
    for (const route of allowedAuthRoutes) expect(registered).toContainEqual(expect.objectContaining(route));
  });

  it('every registered route not on the allow list is 404, even for an admin', async () => {
    const refused = registered.filter((r) => !allowed(r));
    const answers = await Promise.all(
      refused.map(async (r) => {
        const url = AUTH_BASE_PATH + r.path.replace(/:\w+/g, 'x');
        const res = await app.inject({ method: r.method as 'GET' | 'POST', url, headers: { cookie: adminCookie }, ...(r.method === 'POST' ? { payload: { userId: viewerId } } : {}) });
        return `${r.method} ${r.path} ${res.statusCode}`;
      }),
    );
    expect(answers).toEqual(refused.map((r) => `${r.method} ${r.path} 404`));
  });

  it('the allowed routes answer', async () => {
    const session = await app.inject({ method: 'GET', url: `${AUTH_BASE_PATH}/get-session`, headers: { cookie: viewerCookie } });
    expect(session.statusCode).toBe(200);
    expect(session.json().user).toMatchObject({ id: viewerId });
    expect((await app.inject({ method: 'POST', url: `${AUTH_BASE_PATH}/sign-in/email`, payload: { email: 'vic@example.test', password: 'not-the-password' } })).statusCode).toBe(401);
    const other = await app.inject({ method: 'POST', url: `${AUTH_BASE_PATH}/sign-in/email`, payload: { email: 'vic@example.test', password } });
    const cookie = [other.headers['set-cookie']].flat().map((c) => String(c).split(';')[0]).join('; ');
    expect((await app.inject({ method: 'POST', url: `${AUTH_BASE_PATH}/sign-out`, payload: {}, headers: { cookie } })).statusCode).toBe(200);
    expect((await app.inject({ method: 'GET', url: '/trpc/users.me', headers: { cookie } })).json().result.data).toBeNull();
  });

  it('an allowed path with another method, a trailing slash or another case is 404 too', async () => {
    const variants = [
      { method: 'GET', url: `${AUTH_BASE_PATH}/sign-in/email` },
      { method: 'POST', url: `${AUTH_BASE_PATH}/get-session` },
      { method: 'POST', url: `${AUTH_BASE_PATH}/sign-out/` },
      { method: 'POST', url: `${AUTH_BASE_PATH}/Sign-Out` },
      { method: 'POST', url: `${AUTH_BASE_PATH}/admin%2Fset-role` },
      { method: 'POST', url: `${AUTH_BASE_PATH}//admin/set-role` },
      { method: 'POST', url: `${AUTH_BASE_PATH}/sign-in/../admin/set-role` },
    ] as const;
    for (const v of variants) {
      const res = await app.inject({ method: v.method, url: v.url, headers: { cookie: adminCookie }, ...(v.method === 'POST' ? { payload: { userId: viewerId, role: 'admin' } } : {}) });
      expect(`${v.method} ${v.url} ${res.statusCode}`).toBe(`${v.method} ${v.url} 404`);
    }
  });

  it('what the issue did through them changes nothing: role, ban, password, removal, impersonation, rename', async () => {
    const before = await db.prisma.user.findUniqueOrThrow({ where: { id: viewerId } });
    const account = await db.prisma.account.findFirstOrThrow({ where: { userId: viewerId } });
    const sessions = await db.prisma.session.count();
    const attempts = [
      ['/admin/set-role', { userId: viewerId, role: 'admin' }, adminCookie],
      ['/admin/ban-user', { userId: viewerId }, adminCookie],
      ['/admin/unban-user', { userId: viewerId }, adminCookie],
      ['/admin/set-user-password', { userId: viewerId, newPassword: 'a-brand-new-passphrase' }, adminCookie],
      ['/admin/remove-user', { userId: viewerId }, adminCookie],
      ['/admin/impersonate-user', { userId: viewerId }, adminCookie],
      ['/update-user', { name: 'Renamed' }, viewerCookie],
    ] as const;
    for (const [path, payload, cookie] of attempts) {
      expect((await app.inject({ method: 'POST', url: AUTH_BASE_PATH + path, payload, headers: { cookie } })).statusCode).toBe(404);
    }
    expect(await db.prisma.user.findUniqueOrThrow({ where: { id: viewerId } })).toEqual(before);
    expect(await db.prisma.account.findFirstOrThrow({ where: { userId: viewerId } })).toEqual(account);
    expect(await db.prisma.session.count()).toBe(sessions);
  });
});
