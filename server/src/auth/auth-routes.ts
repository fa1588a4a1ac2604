import type { FastifyInstance } from 'fastify';
import { fromNodeHeaders } from 'better-auth/node';
import { internalErrorBody } from '../lib/http-errors.js';
import type { Db } from '../db/database.js';
import type { Auth } from './auth.js';
import { isThrottled, recordFailure, throttleKeys } from './login-throttle.js';

/** Better Auth's endpoints under /api/auth/*, with sign-in throttled per account and per address. */
export function registerAuthRoutes(app: FastifyInstance, auth: Auth, prisma: Db, publicUrl: string) {
  app.route({
    method: ['GET', 'POST'],
    url: '/api/auth/*',
    handler: async (req, reply) => {
      const url = new URL(req.url, publicUrl);
      const isSignIn = req.method === 'POST' && url.pathname === '/api/auth/sign-in/email';
      const keys = isSignIn ? throttleKeys(req.ip, (req.body as { email?: unknown } | undefined)?.email) : [];
      if (isSignIn && (await isThrottled(prisma, keys))) {
        return reply.code(429).send({ code: 'TOO_MANY_ATTEMPTS', message: 'Too many failed sign-ins. Wait a minute, then try again.' });
      }
      const response = await auth.handler(
        new Request(url, {
          method: req.method,
          headers: fromNodeHeaders(req.headers),
          ...(req.body !== undefined && req.method !== 'GET' ? { body: JSON.stringify(req.body) } : {}),
        }),
      );
      if (isSignIn && response.status === 401) await recordFailure(prisma, keys);
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
