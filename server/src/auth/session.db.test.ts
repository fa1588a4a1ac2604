// Reading the session behind a request (auth/session.ts): the one-statement path must accept exactly
// what Better Auth's getSession accepts, and leave expiry and refresh to it.
import { createHmac } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../app.js';
import { createTestDb, TEST_PUBLIC_URL, testServices } from '../test/test-db.js';
import { createAuth } from './auth.js';
import { cookieValue, signedToken } from './session.js';

const DAY = 86_400_000;
const SECRET = 'test-secret-test-secret-test-secret';

describe('session lookup', async () => {
  const db = await createTestDb();
  const services = await testServices(db);
  const app = await buildApp(services, { logger: false, serveWeb: false, publicUrl: TEST_PUBLIC_URL });
  const httpsUrl = 'https://console.example.test';
  const httpsApp = await buildApp({ ...services, auth: await createAuth(db.prisma, { publicUrl: httpsUrl, secret: SECRET, sessionIdleDays: 7 }) }, { logger: false, serveWeb: false, publicUrl: httpsUrl });
  afterAll(async () => {
    await app.close();
    await httpsApp.close();
  });

  const email = 'sid@example.test';
  const password = 'sid-has-a-long-passphrase';
  let userId = '';
  beforeAll(async () => {
    userId = (await services.auth.api.createUser({ body: { name: 'Sid', email, password, role: 'pm' as 'admin' } })).user.id;
  });

  const signIn = async (on = app) => {
    const res = await on.inject({ method: 'POST', url: '/api/auth/sign-in/email', payload: { email, password } });
    expect(res.statusCode).toBe(200);
    const [name, value] = String([res.headers['set-cookie']].flat()[0]).split(';')[0]!.split('=') as [string, string];
    const token = decodeURIComponent(value).split('.')[0]!;
    return { name, value, token, cookie: `${name}=${value}` };
  };
  const me = async (cookie: string, on = app) => {
    const res = await on.inject({ method: 'GET', url: '/trpc/users.me', headers: { cookie } });
    expect(res.statusCode).toBe(200);
    return res.json().result.data as { id: string; role: string } | null;
  };
  const signed = (token: string, secret: string) => encodeURIComponent(`${token}.${createHmac('sha256', secret).update(token).digest('base64')}`);

  it('a signed session cookie names its user, among other cookies', async () => {
    const { cookie } = await signIn();
    expect(await me(cookie)).toMatchObject({ id: userId, role: 'pm' });
    expect(await me(`theme=dark; ${cookie}; other="x"`)).toMatchObject({ id: userId });
  });

  it('a token without its signature, with a changed signature, or signed with another secret is nobody', async () => {
    const { name, value, token } = await signIn();
    const signature = decodeURIComponent(value).split('.')[1]!;
    const changed = (signature[0] === 'A' ? 'B' : 'A') + signature.slice(1);
    for (const forged of [token, encodeURIComponent(`${token}.${changed}`), signed(token, 'another-secret-another-secret-another'), signed('not-a-session-token', SECRET)]) {
      expect(await me(`${name}=${forged}`)).toBeNull();
    }
    expect(await me(`${name}=${signed(token, SECRET)}`)).toMatchObject({ id: userId });
  });

  it('a role change, a revoked session and a deactivated user take effect on the next request', async () => {
    const { cookie, token } = await signIn();
    await db.prisma.user.update({ where: { id: userId }, data: { role: 'viewer' } });
    expect(await me(cookie)).toMatchObject({ role: 'viewer' });
    await db.prisma.user.update({ where: { id: userId }, data: { role: 'pm', banned: true } });
    expect(await me(cookie)).toBeNull();
    await db.prisma.user.update({ where: { id: userId }, data: { banned: false } });
    expect(await me(cookie)).toMatchObject({ role: 'pm' });
    await db.prisma.session.delete({ where: { token } });
    expect(await me(cookie)).toBeNull();
  });

  it('an expired session is nobody, and Better Auth deletes it', async () => {
    const { cookie, token } = await signIn();
    await db.prisma.session.update({ where: { token }, data: { expiresAt: new Date(Date.now() - 1000) } });
    expect(await me(cookie)).toBeNull();
    expect(await db.prisma.session.findUnique({ where: { token } })).toBeNull();
  });

  it('a session used a day after its last refresh is extended by Better Auth (sliding expiry)', async () => {
    const { cookie, token } = await signIn();
    const fresh = await db.prisma.session.findUniqueOrThrow({ where: { token } });
    // Fresh: read without a write.
    expect(await me(cookie)).toMatchObject({ id: userId });
    expect((await db.prisma.session.findUniqueOrThrow({ where: { token } })).expiresAt).toEqual(fresh.expiresAt);
    // Two days idle out of seven: due for its refresh.
    await db.prisma.session.update({ where: { token }, data: { expiresAt: new Date(Date.now() + 5 * DAY) } });
    expect(await me(cookie)).toMatchObject({ id: userId });
    const refreshed = await db.prisma.session.findUniqueOrThrow({ where: { token } });
    expect(refreshed.expiresAt.getTime()).toBeGreaterThan(Date.now() + 6.9 * DAY);
  });

  describe('the cookie slides with the session', () => {
    // A browser's view of the cookie: its value and when it expires (Max-Age from when it arrived).
    // Time passes by moving the session's stored times, and the cookie's expiry, back by as much.
    interface Jar {
      value: string | null;
      expiresAt: number;
    }
    const take = (jar: Jar, setCookie: string | string[] | undefined) => {
      for (const line of [setCookie ?? []].flat()) {
        const [pair, ...attributes] = line.split(';');
        const [cookieName, value = ''] = pair!.split('=');
        if (cookieName !== 'aionis.session_token') continue;
        const maxAge = attributes.map((a) => /^\s*max-age=(-?\d+)/i.exec(a)?.[1]).find(Boolean);
        jar.value = value && maxAge !== undefined && Number(maxAge) > 0 ? value : null;
        jar.expiresAt = Date.now() + Number(maxAge ?? 0) * 1000;
      }
    };
    const sendable = (jar: Jar) => (jar.value !== null && jar.expiresAt > Date.now() ? `aionis.session_token=${jar.value}` : null);
    const passes = async (jar: Jar, token: string, ms: number) => {
      jar.expiresAt -= ms;
      const session = await db.prisma.session.findUniqueOrThrow({ where: { token } });
      const back = (d: Date) => new Date(d.getTime() - ms);
      await db.prisma.session.update({ where: { token }, data: { expiresAt: back(session.expiresAt), createdAt: back(session.createdAt), updatedAt: back(session.updatedAt) } });
    };
    const start = async () => {
      const res = await app.inject({ method: 'POST', url: '/api/auth/sign-in/email', payload: { email, password }, remoteAddress: '10.20.0.1' });
      expect(res.statusCode).toBe(200);
      const jar: Jar = { value: null, expiresAt: 0 };
      take(jar, res.headers['set-cookie']);
      expect(jar.expiresAt).toBeGreaterThan(Date.now() + 6.9 * DAY);
      return { jar, token: decodeURIComponent(jar.value!).split('.')[0]! };
    };
    const visit = async (jar: Jar) => {
      const cookie = sendable(jar);
      if (!cookie) return null;
      const res = await app.inject({ method: 'GET', url: '/trpc/users.me', headers: { cookie } });
      take(jar, res.headers['set-cookie']);
      return res.json().result.data as { id: string } | null;
    };

    it('an active session outlives its first seven days: the extended session comes with a new cookie', async () => {
      const { jar, token } = await start();
      for (let day = 1; day <= 10; day++) {
        await passes(jar, token, DAY + 60_000);
        expect({ day, user: await visit(jar) }).toEqual({ day, user: expect.objectContaining({ id: userId }) });
      }
      // Ten days on, still a week to go from the last refresh, in the database and in the browser.
      expect(jar.expiresAt).toBeGreaterThan(Date.now() + 5.9 * DAY);
      expect((await db.prisma.session.findUniqueOrThrow({ where: { token } })).expiresAt.getTime()).toBeGreaterThan(Date.now() + 5.9 * DAY);
    });

    it('an idle session does not: after seven days unused the cookie is gone and the session with it', async () => {
      const { jar, token } = await start();
      await passes(jar, token, 7 * DAY + 60_000);
      expect(sendable(jar)).toBeNull();
      expect(await visit(jar)).toBeNull();
      // A client that kept the cookie anyway gets nobody, and the session is deleted.
      expect(await me(`aionis.session_token=${jar.value}`)).toBeNull();
      expect(await db.prisma.session.findUnique({ where: { token } })).toBeNull();
    });

    it('a fresh session is read without a new cookie', async () => {
      const { jar } = await start();
      const res = await app.inject({ method: 'GET', url: '/trpc/users.me', headers: { cookie: sendable(jar)! } });
      expect(res.json().result.data).toMatchObject({ id: userId });
      expect(res.headers['set-cookie']).toBeUndefined();
    });
  });

  it('over https only the __Secure- cookie counts, as for Better Auth', async () => {
    const { name, value } = await signIn(httpsApp);
    expect(name).toBe('__Secure-aionis.session_token');
    expect(await me(`${name}=${value}`, httpsApp)).toMatchObject({ id: userId });
    expect(await me(`aionis.session_token=${value}`, httpsApp)).toBeNull();
  });
});

describe('reading the signed cookie', () => {
  it('takes the first cookie of the name, unquoted and URI-decoded', () => {
    expect(cookieValue('a=1; s=x%2Ey; s=z', 's')).toBe('x.y');
    expect(cookieValue('s="q"', 's')).toBe('q');
    expect(cookieValue('ss=1; s2=2', 's')).toBeUndefined();
  });

  it('returns the token only for its exact signature', () => {
    const good = `tok.${createHmac('sha256', SECRET).update('tok').digest('base64')}`;
    expect(signedToken(good, SECRET)).toBe('tok');
    expect(signedToken(good, 'other')).toBeUndefined();
    expect(signedToken('tok', SECRET)).toBeUndefined();
    expect(signedToken(undefined, SECRET)).toBeNull();
  });
});
