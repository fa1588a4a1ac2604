import type { FastifyInstance } from 'fastify';
import { fromNodeHeaders } from 'better-auth/node';
import type { Db } from '../db/database.js';
import type { Auth } from './auth.js';
import { beginAttempt, releaseAttempt, throttleKeys } from './login-throttle.js';

/** Better Auth's endpoints under /api/auth/*, with sign-in throttled per account and per address. */
export function registerAuthRoutes(app: FastifyInstance, auth: Auth, prisma: Db, publicUrl: string) {
  app.route({
    method: ['GET', 'POST'],
    url: '/api/auth/*',
    handler: async (req, reply) => {
      const url = new URL(req.url, publicUrl);
      const isSignIn = req.method === 'POST' && url.pathname === '/api/auth/sign-in/email';
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
