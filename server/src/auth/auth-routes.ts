import type { FastifyInstance } from 'fastify';
import { fromNodeHeaders } from 'better-auth/node';
import { internalErrorBody } from '../lib/http-errors.js';
import type { Db } from '../db/database.js';
import type { Auth } from './auth.js';
import { beginAttempt, releaseAttempt, throttleKeys } from './login-throttle.js';

export const AUTH_BASE_PATH = '/api/auth';

/**
 * The only Better Auth endpoints reachable over HTTP: what the console's pages use (the sign-in form,
 * the user menu's sign-out, the session). Everything else Better Auth registers (its admin endpoints,
 * update-user, change-password, impersonation, …) answers 404: those would change users around the
 * audited services of modules/users, which the server calls for every change to an account.
 */
export const allowedAuthRoutes: readonly { method: 'GET' | 'POST'; path: string }[] = [
  { method: 'POST', path: '/sign-in/email' },
  { method: 'POST', path: '/sign-out' },
  { method: 'GET', path: '/get-session' },
];

const isAllowed = (method: string, path: string) => allowedAuthRoutes.some((r) => r.method === method && r.path === path);

/** Better Auth's endpoints under /api/auth/* (the allowed ones), with sign-in throttled per account and per address. */
export function registerAuthRoutes(app: FastifyInstance, auth: Auth, prisma: Db, publicUrl: string) {
  app.route({
    method: ['GET', 'POST'],
    url: `${AUTH_BASE_PATH}/*`,
    handler: async (req, reply) => {
      const url = new URL(req.url, publicUrl);
      const path = url.pathname.slice(AUTH_BASE_PATH.length);
      if (!url.pathname.startsWith(`${AUTH_BASE_PATH}/`) || !isAllowed(req.method, path)) return reply.code(404).send({ error: 'Not found' });
      const isSignIn = req.method === 'POST' && path === '/sign-in/email';
      // Counted before the password is checked, so a burst cannot get more guesses than the limit.
      const attempt = isSignIn ? await beginAttempt(prisma, throttleKeys(req.ip, (req.body as { email?: unknown } | undefined)?.email)) : null;
      if (isSignIn && !attempt) {
        return reply.code(429).send({ code: 'TOO_MANY_ATTEMPTS', message: 'Too many failed sign-ins. Wait a minute, then try again.' });
      }
      const response = await auth.handler(
        new Request(url, {
          method: req.method,
          headers: fromNodeHeaders(req.headers),
          ...(req.body !== undefined && req.method !== 'GET' ? { body: JSON.stringify(req.body) } : {}),
        }),
      );
      if (attempt && response.ok) await releaseAttempt(prisma, attempt);
      // Better Auth's own 5xx bodies can carry the database's message: the log keeps it, the client gets none.
      if (response.status >= 500) {
        req.log.error({ status: response.status, body: await response.text().catch(() => null), path: url.pathname }, 'auth endpoint failed');
        return reply.code(500).send(internalErrorBody(req.id));
      }
      reply.code(response.status);
      response.headers.forEach((value, key) => {
        if (key !== 'set-cookie') reply.header(key, value);
      });
      const cookies = response.headers.getSetCookie();
      if (cookies.length) reply.header('set-cookie', cookies);
      return reply.send(response.body ? Buffer.from(await response.arrayBuffer()) : null);
    },
  });
}
