// Sign-in, sessions and user administration through the real HTTP server (cookies included).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../app.js';
import { createTestDb, TEST_PUBLIC_URL, testServices } from '../test/test-db.js';
import { seedIfEmpty } from '../modules/seed/seed.service.js';
import { LOGIN_MAX_FAILURES, LOGIN_MAX_FAILURES_PER_IP } from './login-throttle.js';

describe('accounts over HTTP', async () => {
  const db = await createTestDb();
  const app = await buildApp(await testServices(db), { logger: false, serveWeb: false, publicUrl: TEST_PUBLIC_URL });
  afterAll(() => app.close());
  beforeAll(async () => {
    await seedIfEmpty(db.prisma);
  });

  const trpc = async (procedure: string, input: unknown, cookie?: string, method: 'GET' | 'POST' = 'POST') => {
    const res =
      method === 'POST'
        ? await app.inject({ method, url: `/trpc/${procedure}`, payload: input as object, headers: cookie ? { cookie } : {} })
        : await app.inject({ method, url: `/trpc/${procedure}${input === undefined ? '' : `?input=${encodeURIComponent(JSON.stringify(input))}`}`, headers: cookie ? { cookie } : {} });
    return { status: res.statusCode, body: res.json() };
  };
  const signIn = async (email: string, password: string, ip = '10.0.0.1') => {
    const res = await app.inject({ method: 'POST', url: '/api/auth/sign-in/email', payload: { email, password }, remoteAddress: ip });
    const cookie = [res.headers['set-cookie']].flat().filter(Boolean).map((c) => String(c).split(';')[0]).join('; ');
    return { status: res.statusCode, cookie, setCookie: [res.headers['set-cookie']].flat().join('\n') };
  };

  const adminEmail = 'first.admin@example.test';
  const adminPassword = 'a-long-and-unusual-passphrase';
  let adminCookie = '';

  it('first run: no users, so setup is offered; a weak password is refused', async () => {
    expect((await trpc('users.setupState', undefined, undefined, 'GET')).body.result.data).toEqual({ needsFirstAdmin: true });
    const weak = await trpc('users.createFirstAdmin', { name: 'Ada', email: adminEmail, password: 'password1234' });
    expect(weak.status).toBe(400);
    expect(weak.body.error.data.fieldIssues).toEqual([{ path: 'password', message: expect.stringMatching(/common/) }]);
    expect(await db.prisma.user.count()).toBe(0);
  });

  it('creates the first admin once, even when ten ask at the same moment; after that setup is gone', async () => {
    const ten = await Promise.all(
      Array.from({ length: 10 }, (_, i) => trpc('users.createFirstAdmin', { name: i === 0 ? 'Ada' : `Rival ${i}`, email: i === 0 ? adminEmail : `rival${i}@example.test`, password: adminPassword })),
    );
    expect(ten.map((r) => r.status).sort()).toEqual([200, ...Array<number>(9).fill(409)]);
    expect(ten.filter((r) => r.status === 409).map((r) => r.body.error.message)).toEqual(Array(9).fill('The first admin already exists; sign in instead'));
    const [admin] = await db.prisma.user.findMany({ select: { id: true, email: true, role: true } });
    expect(await db.prisma.user.count()).toBe(1);
    expect(admin?.role).toBe('admin');
    expect(await db.prisma.auditEvent.findMany({ where: { action: 'user.create' }, select: { actorId: true, entityId: true } })).toEqual([{ actorId: admin!.id, entityId: admin!.id }]);
    expect((await trpc('users.setupState', undefined, undefined, 'GET')).body.result.data).toEqual({ needsFirstAdmin: false });
    const again = await trpc('users.createFirstAdmin', { name: 'Eve', email: 'eve@example.test', password: adminPassword });
    expect(again.status).toBe(409);
    expect(await db.prisma.user.count()).toBe(1);
    // Whoever won, the rest of this file signs in as the first admin.
    if (admin!.email !== adminEmail) await db.prisma.user.update({ where: { id: admin!.id }, data: { email: adminEmail } });
  });

  it('signs in with an httpOnly, SameSite=Lax session cookie and knows who you are', async () => {
    const res = await signIn(adminEmail, adminPassword);
    expect(res.status).toBe(200);
    expect(res.setCookie).toMatch(/aionis\.session_token=/);
    expect(res.setCookie).toMatch(/HttpOnly/i);
    expect(res.setCookie).toMatch(/SameSite=Lax/i);
    expect(res.setCookie).not.toMatch(/Secure/i); // served over http here
    adminCookie = res.cookie;
    expect((await trpc('users.me', undefined, adminCookie, 'GET')).body.result.data).toMatchObject({ email: adminEmail, role: 'admin' });
    expect((await trpc('users.me', undefined, undefined, 'GET')).body.result.data).toBeNull();
  });

  it('a wrong password gets the same generic answer as an unknown email', async () => {
    const wrong = await app.inject({ method: 'POST', url: '/api/auth/sign-in/email', payload: { email: adminEmail, password: 'not-the-password-at-all' }, remoteAddress: '10.0.0.2' });
    const unknown = await app.inject({ method: 'POST', url: '/api/auth/sign-in/email', payload: { email: 'nobody@example.test', password: 'not-the-password-at-all' }, remoteAddress: '10.0.0.3' });
    expect(wrong.statusCode).toBe(401);
    expect(unknown.statusCode).toBe(401);
    expect(wrong.json().message).toBe(unknown.json().message);
  });

  it('admin adds a user with a one-time password; the user signs in with their role', async () => {
    const created = await trpc('users.create', { name: 'Sam Sales', email: 'Sam@Example.test', role: 'sales' }, adminCookie);
    expect(created.status).toBe(200);
    const { oneTimePassword } = created.body.result.data;
    expect(oneTimePassword).toHaveLength(16);
    const sam = await signIn('sam@example.test', oneTimePassword, '10.0.0.4');
    expect(sam.status).toBe(200);
    expect((await trpc('users.me', undefined, sam.cookie, 'GET')).body.result.data).toMatchObject({ role: 'sales', name: 'Sam Sales' });
    // A sales user cannot edit a gate: 403, and nothing changes.
    const gate = await db.prisma.gate.findFirstOrThrow();
    const refused = await trpc('gates.update', { id: gate.id, version: gate.version, status: 'BLOCKED' }, sam.cookie);
    expect(refused.status).toBe(403);
    expect(await db.prisma.gate.findUniqueOrThrow({ where: { id: gate.id } })).toEqual(gate);
    // Signed out entirely: 401.
    expect((await trpc('plans.list', undefined, undefined, 'GET')).status).toBe(401);
    // Duplicate email: a field error, nothing created.
    const dup = await trpc('users.create', { name: 'Sam Again', email: 'sam@example.test', role: 'pm' }, adminCookie);
    expect(dup.status).toBe(409);
    expect(await db.prisma.user.count({ where: { email: 'sam@example.test' } })).toBe(1);
  });

  it('deactivating or revoking ends a session at once; reactivating lets them back in', async () => {
    const sam = await db.prisma.user.findUniqueOrThrow({ where: { email: 'sam@example.test' } });
    const { body } = await trpc('users.resetPassword', { userId: sam.id }, adminCookie);
    const password = body.result.data.oneTimePassword as string;
    const session = await signIn('sam@example.test', password, '10.0.0.5');
    expect((await trpc('users.me', undefined, session.cookie, 'GET')).body.result.data).not.toBeNull();

    await trpc('users.revokeSessions', { userId: sam.id }, adminCookie);
    expect((await trpc('users.me', undefined, session.cookie, 'GET')).body.result.data).toBeNull();

    const again = await signIn('sam@example.test', password, '10.0.0.5');
    await trpc('users.deactivate', { userId: sam.id }, adminCookie);
    expect((await trpc('users.me', undefined, again.cookie, 'GET')).body.result.data).toBeNull();
    expect((await signIn('sam@example.test', password, '10.0.0.6')).status).not.toBe(200);
    await trpc('users.reactivate', { userId: sam.id }, adminCookie);
    expect((await signIn('sam@example.test', password, '10.0.0.7')).status).toBe(200);
  });

  it('an admin cannot demote or deactivate themself', async () => {
    const me = (await trpc('users.me', undefined, adminCookie, 'GET')).body.result.data;
    expect((await trpc('users.setRole', { userId: me.id, role: 'viewer' }, adminCookie)).status).toBe(412);
    expect((await trpc('users.deactivate', { userId: me.id }, adminCookie)).status).toBe(412);
  });

  it('a set-password link works once', async () => {
    const created = await trpc('users.create', { name: 'Pat PM', email: 'pat@example.test', role: 'pm', credential: 'set-password-link' }, adminCookie);
    const token = created.body.result.data.setPasswordToken as string;
    expect(token.length).toBeGreaterThan(20);
    const set = await trpc('users.setPasswordWithToken', { token, password: 'pat-chooses-this-one' });
    expect(set.status).toBe(200);
    expect((await signIn('pat@example.test', 'pat-chooses-this-one', '10.0.0.8')).status).toBe(200);
    expect((await trpc('users.setPasswordWithToken', { token, password: 'another-long-password' })).status).toBe(400);
  });

  it('throttles sign-in after repeated failures per account, whatever the address', async () => {
    for (let i = 0; i < LOGIN_MAX_FAILURES; i++) {
      const r = await app.inject({ method: 'POST', url: '/api/auth/sign-in/email', payload: { email: 'pat@example.test', password: 'wrong-password-wrong' }, remoteAddress: `10.1.0.${i}` });
      expect(r.statusCode).toBe(401);
    }
    const blocked = await app.inject({ method: 'POST', url: '/api/auth/sign-in/email', payload: { email: 'pat@example.test', password: 'pat-chooses-this-one' }, remoteAddress: '10.1.1.1' });
    expect(blocked.statusCode).toBe(429);
    // Another account from a fresh address is unaffected.
    expect((await signIn(adminEmail, adminPassword, '10.2.0.1')).status).toBe(200);
  });

  it('throttles sign-in per address across accounts', async () => {
    for (let i = 0; i < LOGIN_MAX_FAILURES_PER_IP; i++) {
      await app.inject({ method: 'POST', url: '/api/auth/sign-in/email', payload: { email: `guess${i}@example.test`, password: 'wrong-password-wrong' }, remoteAddress: '10.3.0.1' });
    }
    expect((await signIn(adminEmail, adminPassword, '10.3.0.1')).status).toBe(429);
  });

  it('refuses a cross-site mutation by its Origin', async () => {
    const res = await app.inject({ method: 'POST', url: '/trpc/users.revokeSessions', payload: { userId: 'x' }, headers: { cookie: adminCookie, origin: 'https://evil.example' } });
    expect(res.statusCode).toBe(403);
  });
});
