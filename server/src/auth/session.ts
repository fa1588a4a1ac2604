import { createHmac, timingSafeEqual } from 'node:crypto';
import type { IncomingHttpHeaders } from 'node:http';
import { fromNodeHeaders } from 'better-auth/node';
import type { SessionUser } from '../context.js';
import type { Db } from '../db/database.js';
import { isRole } from '../modules/users/users.rules.js';
import type { Auth } from './auth.js';

/**
 * The signed-in user behind a request's session cookie, or null (no session, expired, revoked,
 * deactivated). Every request asks, so the usual case is one statement: the cookie's signature checked
 * as Better Auth checks it (HMAC-SHA256 with the auth secret), then session and user read together.
 * Whatever that path does not fully settle (a bad or unusual signature, an expired session, one due for
 * its daily refresh) goes to Better Auth's own getSession, which deletes or extends the session as it
 * always has. Nothing is cached: a revoked session fails on the very next request, in every process
 * (docs/decisions/016-one-statement-session-lookup.md).
 *
 * When Better Auth extends the session it also sends a new cookie (a fresh Max-Age), or clears the cookie
 * of a session it ended: `setCookies` gets those Set-Cookie values, for the caller to put on its
 * response. Without them the browser drops the cookie when its first Max-Age runs out, however active
 * the session (decision 016, "The refreshed cookie").
 */
export async function sessionUser(
  auth: Auth,
  prisma: Db,
  headers: IncomingHttpHeaders,
  setCookies?: (cookies: string[]) => void,
): Promise<SessionUser | null> {
  if (!headers.cookie) return null;
  const config = await sessionConfig(auth);
  const token = signedToken(cookieValue(headers.cookie, config.cookieName), config.secret);
  if (token === null) return null;
  if (token !== undefined) {
    const [row] = await prisma.$queryRaw<SessionRow[]>`
      SELECT s."expiresAt", u.id, u.name, u.email, u.role, u.banned
        FROM "session" s JOIN "user" u ON u.id = s."userId"
       WHERE s.token = ${token}`;
    if (!row) return null;
    // Better Auth refreshes a session this old (updateAge) and deletes an expired one: its call.
    const refreshAt = row.expiresAt.getTime() - (config.expiresIn - config.updateAge) * 1000;
    if (Date.now() < refreshAt) return asSessionUser(row);
  }
  const { headers: answer, response: session } = await auth.api.getSession({ headers: fromNodeHeaders(headers), returnHeaders: true });
  const cookies = answer.getSetCookie();
  if (cookies.length) setCookies?.(cookies);
  if (!session) return null;
  const { id, name, email, role, banned } = session.user as typeof session.user & { role?: string | null; banned?: boolean | null };
  return asSessionUser({ id, name, email, role: role ?? null, banned: banned ?? null });
}

interface SessionRow {
  expiresAt: Date;
  id: string;
  name: string;
  email: string;
  role: string | null;
  banned: boolean | null;
}

function asSessionUser({ id, name, email, role, banned }: Omit<SessionRow, 'expiresAt'>): SessionUser | null {
  if (banned || !isRole(role)) return null;
  return { id, name, email, role };
}

interface SessionConfig {
  secret: string;
  cookieName: string;
  /** Seconds. */
  expiresIn: number;
  updateAge: number;
}

const configs = new WeakMap<Auth, Promise<SessionConfig>>();

function sessionConfig(auth: Auth): Promise<SessionConfig> {
  let config = configs.get(auth);
  if (!config) {
    config = auth.$context.then((ctx) => ({
      secret: ctx.secret,
      cookieName: ctx.authCookies.sessionToken.name,
      expiresIn: ctx.sessionConfig.expiresIn,
      updateAge: ctx.sessionConfig.updateAge,
    }));
    configs.set(auth, config);
  }
  return config;
}

/** A cookie's value as Better Auth's router reads it: the first of that name, unquoted, URI-decoded. */
export function cookieValue(header: string, name: string): string | undefined {
  for (const pair of header.split(';')) {
    const eq = pair.indexOf('=');
    if (eq === -1 || pair.slice(0, eq).trim() !== name) continue;
    let value = pair.slice(eq + 1).trim();
    if (value.startsWith('"')) value = value.slice(1, -1);
    try {
      return decodeURIComponent(value);
    } catch {
      return value;
    }
  }
  return undefined;
}

/**
 * The session token from a signed cookie value `<token>.<base64 HMAC-SHA256 of token>`: the token when
 * the signature is the one the secret gives; null when there is no cookie; undefined when this cannot
 * say (a signature that does not match byte for byte), so Better Auth decides.
 */
export function signedToken(value: string | undefined, secret: string): string | null | undefined {
  if (!value) return null;
  const dot = value.lastIndexOf('.');
  if (dot < 1) return undefined;
  const token = value.slice(0, dot);
  const given = Buffer.from(value.slice(dot + 1));
  const expected = Buffer.from(createHmac('sha256', secret).update(token).digest('base64'));
  return given.length === expected.length && timingSafeEqual(given, expected) ? token : undefined;
}
